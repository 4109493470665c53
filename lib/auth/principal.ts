import "server-only";
import { decode } from "next-auth/jwt";
import { unauthorized } from "@/lib/errors/app-error";
import { verifyApiToken } from "@/lib/auth/api-tokens";
import { findPersonalToken, PERSONAL_TOKEN_PREFIX } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { getAuthSecrets } from "@/lib/auth/secret";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-policy";
import { checkSession } from "@/lib/auth/sessions";
import { getUser, type StoredUser } from "@/lib/auth/users";

export type CredentialKind = "session" | "api-token" | "pat";

export type UserPrincipal = {
  kind: "user";
  userId: string;
  email: string;
  role: Role;
  via: CredentialKind;
  /** Session id, API token jti or personal token id: what rate limits and audit entries key on. */
  credentialId: string;
};
export type Principal = { kind: "anonymous" } | UserPrincipal;

const ANONYMOUS: Principal = { kind: "anonymous" };
/** Longer than any token we issue (JWT ≈ 300 chars, PAT 51); bigger ones are rejected unread. */
const MAX_BEARER_LENGTH = 2048;
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;


/** The user behind a credential, if it may still act: exists, enabled, and the credential is not older than a revocation. */
export function activeUser(user: StoredUser | null, authVersion?: number): StoredUser | null {
  if (user === null || user.disabled) return null;
  if (authVersion !== undefined && authVersion !== user.authVersion) return null;
  return user;
}

export function toPrincipal(user: StoredUser, via: CredentialKind, credentialId: string): UserPrincipal {
  return { kind: "user", userId: user.id, email: user.email, role: user.role, via, credentialId };
}

/** The token of an `Authorization: Bearer <token>` header; a 401 for anything else. */
export function bearerTokenOf(header: string): string {
  if (header.length > MAX_BEARER_LENGTH + 7) throw unauthorized("The bearer token is not valid.");
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".');
  return match[1];
}

export const invalidPersonalToken = () => unauthorized("The personal access token is not valid, has expired or was revoked.");
export const invalidApiToken = () => unauthorized("The bearer token is not valid or has expired; get a new one from POST /api/auth/token.");

/** The user named by an Authorization header, or a 401: separate reads of the token and the user. */
export async function principalFromBearer(header: string): Promise<UserPrincipal> {
  const token = bearerTokenOf(header);
  if (token.startsWith(PERSONAL_TOKEN_PREFIX)) {
    const info = await findPersonalToken(token);
    const user = info && activeUser(await getUser(info.userId));
    if (!info || !user) throw invalidPersonalToken();
    return toPrincipal(user, "pat", info.id);
  }
  const verified = await verifyApiToken(token);
  const user = verified && activeUser(await getUser(verified.userId), verified.authVersion);
  if (!verified || !user) throw invalidApiToken();
  return toPrincipal(user, "api-token", verified.jti);
}

/** The user named by a session cookie value, or anonymous when it is missing, stale or revoked. */
export async function principalFromSessionCookie(value: string | undefined): Promise<Principal> {
  if (!value) return ANONYMOUS;
  let payload: Record<string, unknown> | null;
  try {
    payload = await decode({ token: value, secret: getAuthSecrets(), salt: SESSION_COOKIE_NAME });
  } catch {
    return ANONYMOUS;
  }
  const user = await sessionUser(payload ?? {});
  return user ? toPrincipal(user, "session", payload?.sid as string) : ANONYMOUS;
}

/**
 * The user a decoded session JWT still stands for: its server-side record exists, is within its idle
 * and absolute limits, names this user, and the user has not been disabled or reset since. Null
 * otherwise (the cookie is then anonymous, and next-auth's jwt callback clears it).
 */
export async function sessionUser(claims: Record<string, unknown>): Promise<StoredUser | null> {
  const { sid, sub } = claims;
  if (typeof sid !== "string" || typeof sub !== "string") return null;
  const session = await checkSession(sid);
  if (!session.ok || session.record.userId !== sub) return null;
  return activeUser(await getUser(sub), session.record.authVersion);
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who is calling. An Authorization header is the only credential looked at when present: it must be
 * one of our bearer tokens (an API JWT or a personal token) — a session cookie value sent as a bearer
 * is just an invalid token. Without the header, the session cookie decides.
 */
export async function resolvePrincipal(req: Request): Promise<Principal> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) return principalFromBearer(authorization);
  return principalFromSessionCookie(readCookie(req.headers.get("cookie"), SESSION_COOKIE_NAME));
}
