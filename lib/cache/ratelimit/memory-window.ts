import { LRUCache } from "lru-cache";
import { windowMsOf, type RateLimitPolicy, type WindowHit } from "@/lib/cache/ratelimit/types";

/** Hits counted in the window `index` and the one before it. */
type Counts = { index: number; current: number; previous: number };

const DEFAULT_MAX_KEYS_PER_POLICY = 10_000;

/**
 * In-process sliding window with the same arithmetic as @upstash/ratelimit's single-region Lua
 * script: count = hits in the current window + floor(hits in the previous window × the fraction of
 * the current window still to run); a denied hit is not counted. JavaScript runs one check at a time,
 * so a burst is counted exactly, but only per process.
 *
 * Memory is bounded by an LRU per policy (so a flood of one policy's identifiers cannot evict
 * another policy's counters); an evicted identifier starts again from zero.
 */
export function createMemorySlidingWindow(options: { now?: () => number; maxKeysPerPolicy?: number } = {}) {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeysPerPolicy ?? DEFAULT_MAX_KEYS_PER_POLICY;
  const byPolicy = new Map<string, LRUCache<string, Counts>>();

  function countsFor(policy: RateLimitPolicy, windowMs: number): LRUCache<string, Counts> {
    // The window length is part of the family: counts of a 60 s window mean nothing for a 1 h one.
    const family = `${policy.name}:${windowMs}`;
    let counts = byPolicy.get(family);
    if (!counts) {
      counts = new LRUCache<string, Counts>({ max: maxKeys });
      byPolicy.set(family, counts);
    }
    return counts;
  }

  return {
    hit(policy: RateLimitPolicy, key: string): WindowHit {
      const windowMs = windowMsOf(policy);
      const at = now();
      const index = Math.floor(at / windowMs);
      const family = countsFor(policy, windowMs);
      let counts = family.get(key);
      if (!counts) {
        counts = { index, current: 0, previous: 0 };
        family.set(key, counts);
      } else if (counts.index !== index) {
        // Roll forward: last window's hits become "previous"; anything older has no weight left.
        counts.previous = counts.index === index - 1 ? counts.current : 0;
        counts.current = 0;
        counts.index = index;
      }
      const resetAt = (index + 1) * windowMs;
      const weightedPrevious = Math.floor((1 - (at % windowMs) / windowMs) * counts.previous);
      if (weightedPrevious + counts.current >= policy.limit) {
        return { allowed: false, limit: policy.limit, remaining: 0, resetAt };
      }
      counts.current += 1;
      return { allowed: true, limit: policy.limit, remaining: Math.max(0, policy.limit - (counts.current + weightedPrevious)), resetAt };
    },
  };
}

export type MemorySlidingWindow = ReturnType<typeof createMemorySlidingWindow>;
