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
  /** 0 when allowed, else ceil((resetAt - now) / 1000), at least 1. */
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

export function toDecision(hit: WindowHit, now: number): RateLimitDecision {
  const retryAfterSeconds = hit.allowed ? 0 : Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
  return { ...hit, retryAfterSeconds };
}
