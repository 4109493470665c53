import "server-only";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { auditSource } from "@/lib/auth/audit-context";
import { authorizeAudited } from "@/lib/auth/authorize";
import { resolveBearerCounted } from "@/lib/auth/bearer-access";
import type { Permission } from "@/lib/auth/permissions";
import { resolvePrincipal, type Principal } from "@/lib/auth/principal";
import { assertAllowed, enforceRateLimit } from "@/lib/cache/ratelimit/enforce";
import { getRateLimitPolicies } from "@/lib/cache/ratelimit/policies";
import type { RateLimitDecision } from "@/lib/cache/ratelimit/types";
import { getEnv } from "@/lib/env";

/** Would a bearer-token call of this request pass the Origin check? (Then counting it up front is safe.) */
function bearerPassesOrigin(req: Request): boolean {
  try {
    assertSameOrigin(req, { cookieAuthenticated: false, corsOrigins: getEnv().CORS_ORIGINS, publicUrl: getEnv().AUTH_URL });
    return true;
  } catch {
    return false;
  }
}

/**
 * Who is calling, and may they: the credential (session cookie, API token or personal token), the
 * Origin check on state-changing methods, the route's permission (default deny, a 403 audited), and
 * the per-user API rate limit — refused in that order, each refusal one AppError.
 *
 * A bearer token that passes the Origin check takes one store round trip for the credential's user
 * and the rate limit together (lib/auth/bearer-access.ts); the refusals and their order stay the same,
 * since the script counts only a caller that will get past authorization. Sessions and everything
 * the script did not count go the separate way: resolve, check, then count.
 */
export async function admitCaller(
  req: Request,
  options: { permission: Permission; route: string },
  /** Told who is calling as soon as that is known, so a later refusal can still be logged with it. */
  onResolved: (principal: Principal) => void = () => undefined,
): Promise<Principal> {
  const { permission, route } = options;
  const policy = getRateLimitPolicies().api;
  let principal: Principal = { kind: "anonymous" };
  let decision: RateLimitDecision | null = null;
  // A bearer caller's Origin check is the same whether asked before or after resolving it (it never
  // rides on a cookie): when it passed up front, it is not asked again.
  let originChecked = false;
  // Public routes ignore credentials; all others resolve and check them before reading input.
  if (permission !== "public") {
    const authorization = req.headers.get("authorization");
    if (authorization !== null && bearerPassesOrigin(req)) {
      ({ principal, decision } = await resolveBearerCounted(authorization, permission, policy));
      originChecked = true;
    } else {
      principal = await resolvePrincipal(req);
    }
  }
  onResolved(principal);
  if (!originChecked) {
    assertSameOrigin(req, {
      cookieAuthenticated: principal.kind === "user" && principal.via === "session",
      corsOrigins: getEnv().CORS_ORIGINS,
      publicUrl: getEnv().AUTH_URL,
    });
  }
  await authorizeAudited(principal, permission, route, auditSource(req));
  // Per user, across their session and tokens; an outage falls back to a per-process limiter.
  if (principal.kind === "user") {
    if (decision !== null) assertAllowed(policy, decision);
    else await enforceRateLimit(policy, `user:${principal.userId}`);
  }
  return principal;
}
