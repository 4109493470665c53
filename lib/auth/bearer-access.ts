import "server-only";
import { LRUCache } from "lru-cache";
import { createAccessChecker, type AccessChecker } from "@/lib/cache/access-check";
import type { AccessCheckInput, AccessReply } from "@/lib/cache/access-script";
import { verifyApiToken } from "@/lib/auth/api-tokens";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { livePersonalToken, findPersonalToken, PERSONAL_TOKEN_PREFIX } from "@/lib/auth/personal-tokens";
import { activeUser, bearerTokenOf, invalidApiToken, invalidPersonalToken, principalFromBearer, toPrincipal, type UserPrincipal } from "@/lib/auth/principal";
import { sha256Hex, stateKeys } from "@/lib/auth/state-keys";
import { parseUserRecord } from "@/lib/auth/users";
import { getBackendConnection } from "@/lib/cache/connection";
import { hashIdentifier } from "@/lib/cache/ratelimit/identifier";
import { DEFAULT_KEY_PREFIX } from "@/lib/cache/ratelimit/rate-limiter";
import { storeWindowPrefix } from "@/lib/cache/ratelimit/store-window";
import { toDecision, windowMsOf, type RateLimitDecision, type RateLimitPolicy } from "@/lib/cache/ratelimit/types";

/**
 * A bearer-token caller and the API rate limit, in one store round trip (lib/cache/access-script.ts).
 * `decision` is null when this path did not count the request (the store gave no answer, or the user's
 * role lacks the permission): the route wrapper then counts it the usual way, after authorization.
 */
export type CountedCaller = { principal: UserPrincipal; decision: RateLimitDecision | null };

export type BearerAccessDeps = {
  checker: AccessChecker;
  /** Rate-limit key namespace; tests pass their own. */
  keyPrefix: string;
  now: () => number;
};

// Which user a personal token belongs to never changes (only whether it still exists, which the
// script reads every time): knowing it up front lets the first round trip carry the user's keys too.
// Holds token hashes only, like the store's keys.
const tokenOwners = new LRUCache<string, string>({ max: 10_000 });

const globalForAccess = globalThis as unknown as { cerAccessChecker?: AccessChecker };

function defaultDeps(): BearerAccessDeps {
  globalForAccess.cerAccessChecker ??= createAccessChecker(getBackendConnection());
  return { checker: globalForAccess.cerAccessChecker, keyPrefix: DEFAULT_KEY_PREFIX, now: Date.now };
}

/** For tests: drop the process-wide checker so a changed connection takes effect. */
export function resetAccessCheckerForTests(): void {
  globalForAccess.cerAccessChecker = undefined;
  tokenOwners.clear();
}

function decisionOf(reply: AccessReply, now: number, windowMs: number): RateLimitDecision | null {
  if (reply.outcome === "not-counted") return null;
  return toDecision({ allowed: reply.outcome === "counted", limit: reply.limit, remaining: reply.remaining, resetAt: reply.resetAt }, now, windowMs);
}

/**
 * Resolves `Authorization: Bearer …` as resolvePrincipal does — same checks, same 401s — and counts
 * the request against `policy` for the user in the same store call when the credential may act on a
 * route needing `permission`.
 */
export async function resolveBearerCounted(
  header: string,
  permission: Exclude<Permission, "public">,
  policy: RateLimitPolicy,
  deps: BearerAccessDeps = defaultDeps(),
): Promise<CountedCaller> {
  const token = bearerTokenOf(header);
  const now = deps.now();
  const windowMs = windowMsOf(policy);
  const common = (userId: string) => ({
    userKey: stateKeys.user(userId),
    userId,
    roles: PERMISSIONS[permission],
    limit: policy.limit,
    windowMs,
    windowKey: `${storeWindowPrefix(deps.keyPrefix, policy)}:${hashIdentifier(`user:${userId}`)}`,
    now,
  });

  let input: AccessCheckInput;
  let jti = "";
  if (token.startsWith(PERSONAL_TOKEN_PREFIX)) {
    const hash = sha256Hex(token);
    let owner = tokenOwners.get(hash);
    if (owner === undefined) {
      // First sight in this process: one extra read to learn the owner.
      const info = await findPersonalToken(token, now);
      if (info === null) throw invalidPersonalToken();
      owner = info.userId;
      tokenOwners.set(hash, owner);
    }
    input = { ...common(owner), tokenKey: stateKeys.personalToken(hash) };
  } else {
    const verified = await verifyApiToken(token, now);
    if (verified === null) throw invalidApiToken();
    input = { ...common(verified.userId), authVersion: verified.authVersion };
    jti = verified.jti;
  }

  const reply = await deps.checker.check(input);
  if (reply === null) {
    // No answer from the script: the separate reads decide (and fail closed on an outage).
    return { principal: await principalFromBearer(header), decision: null };
  }

  if (input.tokenKey !== undefined) {
    const info = livePersonalToken(reply.token, now);
    const user = info && info.userId === input.userId ? activeUser(parseUserRecord(reply.user)) : null;
    if (!info || !user) throw invalidPersonalToken();
    return { principal: toPrincipal(user, "pat", info.id), decision: decisionOf(reply, now, windowMs) };
  }
  const user = activeUser(parseUserRecord(reply.user), input.authVersion);
  if (!user) throw invalidApiToken();
  return { principal: toPrincipal(user, "api-token", jti), decision: decisionOf(reply, now, windowMs) };
}
