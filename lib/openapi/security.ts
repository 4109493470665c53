import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { PERSONAL_TOKEN_PREFIX } from "@/lib/auth/personal-tokens";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-policy";
import type { SecurityRequirement } from "@/lib/openapi/operation-spec";

// The credentials lib/auth/principal.ts accepts, as OpenAPI security schemes: an Authorization header
// (an API token from POST /api/auth/token, or a personal access token) wins; without one, the session cookie.

export const SECURITY_SCHEMES = {
  apiToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A short-lived API token: POST /api/auth/token with email and password, then `Authorization: Bearer <token>` (valid 1 h).",
  },
  personalToken: {
    type: "http",
    scheme: "bearer",
    description: `A personal access token (\`${PERSONAL_TOKEN_PREFIX}…\`), made on the account page or with POST /api/account/tokens: \`Authorization: Bearer <token>\`.`,
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE_NAME,
    description: "The browser session after signing in at /signin. State-changing calls with it must come from this origin (Origin checked).",
  },
  metricsToken: {
    type: "http",
    scheme: "bearer",
    description: "GET /api/metrics only: `Authorization: Bearer <METRICS_TOKEN>` when the server sets METRICS_TOKEN.",
  },
} as const;

type SchemeName = keyof typeof SECURITY_SCHEMES;
const USER_SCHEMES: SchemeName[] = ["apiToken", "personalToken", "sessionCookie"];

/** Any one user credential will do (alternatives); public routes take none. */
export function securityFor(permission: Permission): SecurityRequirement[] {
  if (permission === "public") return [];
  return USER_SCHEMES.map((name) => ({ [name]: [] }));
}

/** "analytics:read — roles viewer, analyst, admin": what the description tells a reader. */
export function describePermission(permission: Permission): string {
  const roles = PERMISSIONS[permission];
  if (roles === null) return "Public: no credential needed.";
  return `Needs permission \`${permission}\` (roles: ${roles.join(", ")}).`;
}
