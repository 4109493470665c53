import { z } from "zod";
import { createPersonalTokenSchema, createUserSchema, tokenRequestSchema, tokenResponseSchema, updateUserSchema } from "@/lib/schemas/accounts";
import {
  createdPersonalTokenResponseSchema,
  deletedUserResponseSchema,
  personalTokenListResponseSchema,
  revokedTokenResponseSchema,
  userListResponseSchema,
  userResponseSchema,
} from "@/lib/schemas/api-responses";
import { auditListResponseSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const AUTH = "Sign-in and tokens";
const ACCOUNT = "Your account";
const ADMIN = "Administration";
/** Auth.js answers bad requests itself, in its own shape (the app's own refusals, 413/429/503, are the error body). */
const AUTHJS_REFUSAL = { description: "Auth.js refused the request: its own JSON, not the app's error body.", body: json({ description: "Defined by Auth.js." }) };
const id = (what: string) => z.object({ id: z.string().describe(what) });

export const ACCOUNT_OPERATIONS: OperationSpec[] = [
  {
    route: "POST /api/auth/token",
    tag: AUTH,
    summary: "Email and password → a bearer token for scripts, valid 1 hour",
    description: "Rate-limited per email and per address. A wrong email or password is 401 with the same message either way.",
    body: json(tokenRequestSchema, { email: "analyst@example.com", password: "correct horse battery staple" }),
    responses: {
      200: {
        description: "The token; send it as `Authorization: Bearer <token>`.",
        body: json(tokenResponseSchema, { token: "eyJhbGciOiJIUzI1NiJ9.…", tokenType: "Bearer", expiresAt: "2026-12-04T11:00:00.000Z" }),
      },
    },
    errors: ["unauthorized", "rate_limited", "service_unavailable"],
  },
  {
    route: "GET /api/auth/[...nextauth]",
    tag: AUTH,
    summary: "Auth.js (next-auth) endpoints: session, csrf, providers, sign-in pages and OIDC callbacks",
    description:
      "Browser sign-in, handled by Auth.js: `GET /api/auth/session` (the signed-in user or `{}`), `/api/auth/csrf`, `/api/auth/providers`, " +
      "`/api/auth/signin`, `/api/auth/callback/<provider>`. Scripts use POST /api/auth/token instead.",
    params: z.object({ nextauth: z.string().describe('The Auth.js action and its arguments, e.g. "session", "csrf" or "callback/oidc" (may span several path segments).') }),
    responses: {
      200: { description: "JSON for session (null when signed out), csrf and providers; HTML for the sign-in pages.", body: json({ description: "Defined by Auth.js." }) },
      302: { description: "A redirect (sign-in flows, callbacks)." },
      400: AUTHJS_REFUSAL,
    },
  },
  {
    route: "POST /api/auth/[...nextauth]",
    tag: AUTH,
    summary: "Auth.js (next-auth) form posts: credentials sign-in, sign-out",
    description:
      "`POST /api/auth/callback/credentials` with `email`, `password` and `csrfToken` (form-encoded) signs in and sets the session cookie; " +
      "`POST /api/auth/signout` ends the session. Password attempts are rate-limited (429).",
    params: z.object({ nextauth: z.string().describe('The Auth.js action, e.g. "callback/credentials" or "signout".') }),
    body: { contentType: "application/x-www-form-urlencoded", schema: { type: "object", properties: { email: { type: "string" }, password: { type: "string" }, csrfToken: { type: "string" } } } },
    responses: {
      200: { description: "JSON when asked for (`X-Auth-Return-Redirect`).", body: json({ description: "Defined by Auth.js." }) },
      302: { description: "A redirect: to the app when signed in, to /signin with an error otherwise." },
      400: AUTHJS_REFUSAL,
    },
    errors: ["rate_limited", "service_unavailable"],
  },
  {
    route: "GET /api/account/tokens",
    tag: ACCOUNT,
    summary: "Your personal access tokens (never the token values)",
    responses: { 200: { description: "The tokens.", body: json(personalTokenListResponseSchema) } },
  },
  {
    route: "POST /api/account/tokens",
    tag: ACCOUNT,
    summary: "Create a personal access token",
    description: "The token value is in this answer only; store it now.",
    body: json(createPersonalTokenSchema, { name: "nightly export", expiresInDays: 90 }),
    responses: { 201: { description: "Created.", body: json(createdPersonalTokenResponseSchema) } },
    errors: ["conflict"],
  },
  {
    route: "DELETE /api/account/tokens/[id]",
    tag: ACCOUNT,
    summary: "Revoke one of your personal access tokens (admins: anyone's)",
    params: id("A personal token id."),
    responses: { 200: { description: "Revoked.", body: json(revokedTokenResponseSchema) } },
  },
  {
    route: "GET /api/admin/users",
    tag: ADMIN,
    summary: "All users",
    responses: { 200: { description: "The users.", body: json(userListResponseSchema) } },
  },
  {
    route: "POST /api/admin/users",
    tag: ADMIN,
    summary: "Create a user with email, password and role",
    body: json(createUserSchema, { email: "new.analyst@example.com", password: "a long enough password", role: "analyst" }),
    responses: { 201: { description: "Created.", body: json(userResponseSchema) } },
    errors: ["conflict"],
  },
  {
    route: "PATCH /api/admin/users/[id]",
    tag: ADMIN,
    summary: "Change a user's role, disable or enable them, or reset their password",
    description: "Disabling, a role change or a password reset signs the user out everywhere and revokes their tokens.",
    params: id("A user id."),
    body: json(updateUserSchema, { disabled: true }),
    responses: { 200: { description: "The user after the change.", body: json(userResponseSchema) } },
    errors: ["conflict"],
  },
  {
    route: "DELETE /api/admin/users/[id]",
    tag: ADMIN,
    summary: "Delete a user",
    params: id("A user id."),
    responses: { 200: { description: "Deleted.", body: json(deletedUserResponseSchema) } },
    errors: ["conflict"],
  },
  {
    route: "GET /api/admin/audit",
    tag: ADMIN,
    summary: "The audit log, newest first, filtered and paged",
    query: auditQuerySchema,
    responses: { 200: { description: "One page of entries; pass `nextCursor` back as `cursor`.", body: json(auditListResponseSchema) } },
  },
];
