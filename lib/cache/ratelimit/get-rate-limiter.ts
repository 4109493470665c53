import "server-only";
import { getBackendConnection } from "@/lib/cache/connection";
import { createRateLimiter } from "@/lib/cache/ratelimit/rate-limiter";
import type { RateLimiter } from "@/lib/cache/ratelimit/types";

// One limiter per process, on globalThis so module re-evaluation (dev, route bundles) shares its
// Ratelimit instances and its in-memory fallback counts.
const globalForRateLimit = globalThis as unknown as { cerRateLimiter?: RateLimiter };

export function getRateLimiter(): RateLimiter {
  globalForRateLimit.cerRateLimiter ??= createRateLimiter(getBackendConnection());
  return globalForRateLimit.cerRateLimiter;
}

/** For tests: drop the process-wide limiter so a changed connection takes effect. */
export function resetRateLimiterForTests(): void {
  globalForRateLimit.cerRateLimiter = undefined;
}
