import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { getRateLimiter } from "@/lib/cache/ratelimit/get-rate-limiter";
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from "@/lib/cache/ratelimit/types";

/**
 * Counts one request against `policy` and returns the decision, or throws AppError `rate_limited`
 * (429 + Retry-After) when over the limit. A store failure on a fail-closed policy throws
 * `service_unavailable` (503 + Retry-After) from the limiter.
 */
export async function enforceRateLimit(
  policy: RateLimitPolicy,
  identifier: string,
  limiter: RateLimiter = getRateLimiter(),
): Promise<RateLimitDecision> {
  return assertAllowed(policy, await limiter.check(policy, identifier));
}

/** The decision when allowed; else the 429 with Retry-After that `enforceRateLimit` throws. */
export function assertAllowed(policy: RateLimitPolicy, decision: RateLimitDecision): RateLimitDecision {
  if (decision.allowed) return decision;
  throw new AppError({
    code: "rate_limited",
    message: `Too many ${policy.what ?? "requests"}; try again in ${decision.retryAfterSeconds} s.`,
    details: { limit: decision.limit, windowSeconds: policy.windowSeconds, retryAfterSeconds: decision.retryAfterSeconds },
    retryAfterSeconds: decision.retryAfterSeconds,
  });
}
