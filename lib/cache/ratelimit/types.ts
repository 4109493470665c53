/** One limit: at most `limit` requests per `windowSeconds` per identifier (sliding window). */
export type RateLimitPolicy = {
  /** Part of the store key; one counter family per name. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** What happens when the shared store does not answer: 503, or limit per process from memory. */
  onStoreFailure: "fail-closed" | "fail-open";
  /** Plural noun for the 429 message ("sign-in attempts"); "requests" when unset. */
  what?: string;
};

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
  /** 0 when allowed; else seconds until a retry is sure to pass (see toDecision), at least 1. */
  retryAfterSeconds: number;
};

export interface RateLimiter {
  check(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision>;
}

/** What a backend reports for one hit, before retry-after is derived. */
export type WindowHit = { allowed: boolean; limit: number; remaining: number; resetAt: number };

export function windowMsOf(policy: RateLimitPolicy): number {
  return Math.max(1, Math.round(policy.windowSeconds * 1000));
}

/**
 * Retry-After for a denied hit: when a retry is sure to pass if nothing else is sent meanwhile. At the
 * end of the current window its count (at most `limit`, denied hits are not counted) becomes the
 * previous window's, weighted down linearly over the next window; it falls below `limit - 1` after
 * window/limit. So: time to the window's end plus window/limit. It may pass sooner, as the previous
 * window's weight fades, but never later (the window end alone would be too early).
 */
export function toDecision(hit: WindowHit, now: number, windowMs: number): RateLimitDecision {
  const sureToPassAt = hit.resetAt + windowMs / Math.max(1, hit.limit);
  const retryAfterSeconds = hit.allowed ? 0 : Math.max(1, Math.ceil((sureToPassAt - now) / 1000));
  return { ...hit, retryAfterSeconds };
}
