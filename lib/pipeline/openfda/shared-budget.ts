import "server-only";
import { getBackendConnection } from "@/lib/cache/connection";
import { getRateLimiter } from "@/lib/cache/ratelimit";
import type { RateLimiter, RateLimitPolicy } from "@/lib/cache/ratelimit/types";
import type { SharedBudgetCheck } from "@/lib/sources/openfda/fair-budget";

/** openFDA counts requests per API key: every instance of the app shares one window. */
const SHARED_IDENTIFIER = "openfda:api-key";

/**
 * The openFDA budget of all instances together, kept in Redis or Upstash (the rate limiter's sliding
 * window). With the in-memory store there is one process and no shared budget. A store outage fails
 * open onto the limiter's per-process window, and the local bucket still holds this process.
 */
export function createSharedOpenFdaBudget(perMinute: number, limiter?: RateLimiter): SharedBudgetCheck | undefined {
  if (!limiter && getBackendConnection().kind === "memory") return undefined;
  const policy: RateLimitPolicy = { name: "openfda", limit: perMinute, windowSeconds: 60, onStoreFailure: "fail-open", what: "openFDA requests" };
  return async () => {
    const decision = await (limiter ?? getRateLimiter()).check(policy, SHARED_IDENTIFIER);
    return decision.allowed ? { allowed: true } : { allowed: false, retryAfterMs: decision.retryAfterSeconds * 1000 };
  };
}
