import { getEnv, type ServerEnv } from "@/lib/env";
import type { RateLimitPolicy } from "@/lib/cache/ratelimit/types";

export type AppRateLimitPolicies = {
  signIn: RateLimitPolicy;
  tokenIssue: RateLimitPolicy;
  api: RateLimitPolicy;
  reportCreate: RateLimitPolicy;
};

/**
 * The app's limits (reliability.md §1.6). Credentials, tokens and report jobs fail closed: an outage
 * must not open them to brute force or cost. Reads fail open onto the per-process memory limiter.
 */
export function getRateLimitPolicies(env: ServerEnv = getEnv()): AppRateLimitPolicies {
  return {
    signIn: { name: "signin", limit: env.RATE_LIMIT_SIGNIN_PER_MINUTE, windowSeconds: 60, onStoreFailure: "fail-closed", what: "sign-in attempts" },
    tokenIssue: { name: "token", limit: env.RATE_LIMIT_TOKEN_PER_HOUR, windowSeconds: 3600, onStoreFailure: "fail-closed", what: "API token requests" },
    api: { name: "api", limit: env.RATE_LIMIT_API_PER_MINUTE, windowSeconds: 60, onStoreFailure: "fail-open", what: "API requests" },
    reportCreate: { name: "report", limit: env.RATE_LIMIT_REPORTS_PER_HOUR, windowSeconds: 3600, onStoreFailure: "fail-closed", what: "report requests" },
  };
}
