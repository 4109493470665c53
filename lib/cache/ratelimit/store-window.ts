import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { windowMsOf, type RateLimitPolicy, type WindowHit } from "@/lib/cache/ratelimit/types";

/** The shared store did not give a usable answer (error, timeout, or a reply of the wrong shape). */
export class RateLimitStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RateLimitStoreError";
  }
}

/** @upstash/ratelimit keys a window `<prefix>:<identifier>:<window index>`; this is our `<prefix>`. */
export function storeWindowPrefix(keyPrefix: string, policy: RateLimitPolicy): string {
  return `${keyPrefix}:${policy.name}`;
}

/**
 * @upstash/ratelimit's single-region sliding window over an Upstash client (or the ioredis adapter).
 * Its ephemeral cache is off: it would keep denying an identifier in this process after the store
 * forgot it (a reset or revoked limit), and it grows with every identifier ever blocked.
 * Ratelimit fails OPEN on its timeout ({ success: true, reason: "timeout" }); here that is a failure.
 */
export function createStoreSlidingWindow(redis: Redis, options: { timeoutMs: number; keyPrefix: string }) {
  // One Ratelimit per policy shape; policies are a handful of constants, so this stays small.
  const limiters = new Map<string, Ratelimit>();

  function limiterFor(policy: RateLimitPolicy): Ratelimit {
    const windowMs = windowMsOf(policy);
    const id = `${policy.name}:${policy.limit}:${windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(policy.limit, `${windowMs} ms`),
        prefix: storeWindowPrefix(options.keyPrefix, policy),
        ephemeralCache: false,
        analytics: false,
        enableTelemetry: false,
        timeout: options.timeoutMs,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  }

  return {
    async hit(policy: RateLimitPolicy, key: string): Promise<WindowHit> {
      let result: Awaited<ReturnType<Ratelimit["limit"]>>;
      try {
        result = await limiterFor(policy).limit(key);
      } catch (error) {
        throw new RateLimitStoreError(error instanceof Error ? error.message : String(error), { cause: error });
      }
      if (result.reason === "timeout") throw new RateLimitStoreError(`no answer within ${options.timeoutMs} ms`);
      // A reply that is not the script's [remaining, limit] (e.g. an aborted request's "Aborted"
      // string) yields NaN fields and success false; a garbled reply must not read as a denial.
      if (![result.limit, result.remaining, result.reset].every(Number.isFinite)) {
        throw new RateLimitStoreError("unexpected reply from the rate-limit script");
      }
      return { allowed: result.success, limit: result.limit, remaining: result.remaining, resetAt: result.reset };
    },
  };
}
