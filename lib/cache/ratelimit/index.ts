// The rate limiter's public surface; the route wrapper imports from here.
export type { RateLimitDecision, RateLimiter, RateLimitPolicy } from "@/lib/cache/ratelimit/types";
export { createRateLimiter, type RateLimiterOptions } from "@/lib/cache/ratelimit/rate-limiter";
export { getRateLimiter, resetRateLimiterForTests } from "@/lib/cache/ratelimit/get-rate-limiter";
export { enforceRateLimit } from "@/lib/cache/ratelimit/enforce";
export { getRateLimitPolicies, type AppRateLimitPolicies } from "@/lib/cache/ratelimit/policies";
export { hashIdentifier } from "@/lib/cache/ratelimit/identifier";
