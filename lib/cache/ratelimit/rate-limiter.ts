import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { BackendConnection } from "@/lib/cache/connection";
import { createOutageGuard } from "@/lib/cache/outage-guard";
import { hashIdentifier } from "@/lib/cache/ratelimit/identifier";
import { ioredisForRatelimit } from "@/lib/cache/ratelimit/ioredis-adapter";
import { createMemorySlidingWindow } from "@/lib/cache/ratelimit/memory-window";
import { createStoreSlidingWindow } from "@/lib/cache/ratelimit/store-window";
import { toDecision, windowMsOf, type RateLimiter, type WindowHit } from "@/lib/cache/ratelimit/types";
import { logger } from "@/lib/observability/logger";

export type RateLimiterOptions = {
  /** Longest wait for the store per check (reliability.md §2.2: 300–500 ms). */
  timeoutMs?: number;
  /** Clock of the in-memory window and of retry-after. @upstash/ratelimit reads Date.now() itself. */
  now?: () => number;
  /** Key namespace in Redis/Upstash; tests pass their own. */
  keyPrefix?: string;
  /** LRU bound of the in-memory window (the memory backend and the fail-open fallback). */
  maxKeysPerPolicy?: number;
};

const DEFAULT_TIMEOUT_MS = 500;
export const DEFAULT_KEY_PREFIX = "cer:v1:ratelimit";
/** After a store failure, skip the store this long: an outage costs one timeout per second, not per request. */
const OUTAGE_SKIP_MS = 1000;
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * A sliding-window limiter on the process's backend: Upstash or Redis run @upstash/ratelimit's Lua
 * (one atomic script, shared by every process); memory counts in this process. When the store fails,
 * fail-closed policies throw 503 and fail-open ones count in memory, so an outage still limits per process.
 */
export function createRateLimiter(connection: BackendConnection, options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const memory = createMemorySlidingWindow({ now, maxKeysPerPolicy: options.maxKeysPerPolicy });

  if (connection.kind === "memory") {
    return {
      async check(policy, identifier) {
        return toDecision(memory.hit(policy, hashIdentifier(identifier)), now(), windowMsOf(policy));
      },
    };
  }

  const redis = connection.kind === "upstash" ? connection.client : ioredisForRatelimit(connection.client, connection.whenReady);
  const store = createStoreSlidingWindow(redis, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
  });
  // The outage guard runs on real time (an injected clock is for window arithmetic only).
  const guard = createOutageGuard({
    skipMs: OUTAGE_SKIP_MS,
    // Error texts can quote the command (hashed keys and the script); keep the line short.
    onFailure: (error) =>
      logger.warn("ratelimit.store_failed", {
        backend: connection.kind,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 200),
      }),
  });

  return {
    async check(policy, identifier) {
      const key = hashIdentifier(identifier);
      const hit = await guard.run<WindowHit | null>(() => store.hit(policy, key), null);
      if (hit) return toDecision(hit, now(), windowMsOf(policy));
      if (policy.onStoreFailure === "fail-open") return toDecision(memory.hit(policy, key), now(), windowMsOf(policy));
      throw new AppError({
        code: "service_unavailable",
        message: `Request limits cannot be checked right now; try again in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s.`,
        retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      });
    },
  };
}
