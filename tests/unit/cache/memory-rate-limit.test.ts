import { describe, expect, test } from "vitest";
import { createMemorySlidingWindow } from "@/lib/cache/ratelimit/memory-window";
import { createRateLimiter } from "@/lib/cache/ratelimit/rate-limiter";
import type { RateLimitPolicy } from "@/lib/cache/ratelimit/types";

// Window 10 s, limit 10. T0 is a window start (1_700_000_000_000 / 10_000 is whole), so every time
// below is "window start + offset" and the expected counts can be worked out by hand.
const WINDOW_MS = 10_000;
const T0 = 1_700_000_000_000;
const policy: RateLimitPolicy = { name: "unit", limit: 10, windowSeconds: 10, onStoreFailure: "fail-closed" };

function clock(start: number) {
  const state = { now: start };
  return { state, now: () => state.now };
}

function hits(window: ReturnType<typeof createMemorySlidingWindow>, key: string, n: number, p: RateLimitPolicy = policy) {
  return Array.from({ length: n }, () => window.hit(p, key));
}

describe("memory sliding window", () => {
  test("counts up to the limit in one window, then denies until the window ends", () => {
    const c = clock(T0 + 1_000);
    const window = createMemorySlidingWindow({ now: c.now });
    const results = hits(window, "a", 11);
    expect(results.map((r) => r.allowed)).toEqual([...Array(10).fill(true), false]);
    expect(results.map((r) => r.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
    expect(results.every((r) => r.resetAt === T0 + WINDOW_MS && r.limit === 10)).toBe(true);
  });

  test("previous window 8 hits, 25% into the current one: weight 0.75 → 6 counted, 4 more allowed", () => {
    const c = clock(T0 + 1_000);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 8);
    c.state.now = T0 + WINDOW_MS + 2_500; // 25% into the next window
    const results = hits(window, "a", 5);
    // floor(0.75 × 8) = 6 from before; allowed while 6 + current < 10: current 0,1,2,3 → 4 allowed.
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([3, 2, 1, 0, 0]);
    expect(results[4]?.resetAt).toBe(T0 + 2 * WINDOW_MS);
  });

  test("weights are floored: previous 7 hits at 50% → floor(3.5) = 3 counted, 7 more allowed", () => {
    const c = clock(T0);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 7);
    c.state.now = T0 + WINDOW_MS + 5_000;
    const results = hits(window, "a", 8);
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(results[0]?.remaining).toBe(6); // 10 − (1 + 3)
  });

  test("at the very start of the next window the previous window counts in full", () => {
    const c = clock(T0 + 9_999);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 10);
    c.state.now = T0 + WINDOW_MS; // fraction 0 → weight 1 → 10 counted
    expect(window.hit(policy, "a").allowed).toBe(false);
    c.state.now = T0 + WINDOW_MS + 1_000; // weight 0.9 → 9 counted → 1 allowed
    expect(hits(window, "a", 2).map((r) => r.allowed)).toEqual([true, false]);
  });

  test("denied hits are not counted, so they do not push the next window further", () => {
    const c = clock(T0 + 1_000);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 10 + 50); // 10 counted, 50 denied
    c.state.now = T0 + WINDOW_MS + 5_000; // floor(0.5 × 10) = 5 counted, not floor(0.5 × 60) = 30
    expect(hits(window, "a", 6).map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
  });

  test("two windows later nothing is left of the old counts", () => {
    const c = clock(T0 + 1_000);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 10);
    c.state.now = T0 + 2 * WINDOW_MS; // window index +2: the counted window is now two back
    const results = hits(window, "a", 11);
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  test("counts are per identifier and per policy", () => {
    const c = clock(T0);
    const window = createMemorySlidingWindow({ now: c.now });
    hits(window, "a", 10);
    expect(window.hit(policy, "a").allowed).toBe(false);
    expect(window.hit(policy, "b").allowed).toBe(true);
    expect(window.hit({ ...policy, name: "other" }, "a").allowed).toBe(true);
  });

  test("memory is bounded per policy: the least recently used identifier is dropped, other policies keep theirs", () => {
    const c = clock(T0);
    const window = createMemorySlidingWindow({ now: c.now, maxKeysPerPolicy: 3 });
    const other = { ...policy, name: "other", limit: 1 };
    expect(window.hit(other, "x").allowed).toBe(true);
    hits(window, "a", 10);
    expect(window.hit(policy, "a").allowed).toBe(false);
    for (const key of ["b", "c", "d"]) window.hit(policy, key); // "a" is evicted on "d"
    expect(window.hit(policy, "a").allowed).toBe(true); // starts again from zero
    expect(window.hit(other, "x").allowed).toBe(false); // untouched by the flood of "unit" keys
  });
});

describe("memory rate limiter decisions", () => {
  test("retry-after is 0 when allowed, else the seconds until a retry surely passes: window end + window/limit, rounded up", async () => {
    const c = clock(T0 + 2_500);
    const limiter = createRateLimiter({ kind: "memory" }, { now: c.now });
    const small = { ...policy, limit: 2 };
    const [first, second, third] = [
      await limiter.check(small, "alice@example.com"),
      await limiter.check(small, "alice@example.com"),
      await limiter.check(small, "alice@example.com"),
    ];
    expect(first).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: T0 + WINDOW_MS, retryAfterSeconds: 0 });
    expect(second?.retryAfterSeconds).toBe(0);
    expect(third).toEqual({ allowed: false, limit: 2, remaining: 0, resetAt: T0 + WINDOW_MS, retryAfterSeconds: 13 }); // 7.5 s to the end + 10 s / 2 = 12.5 s → 13
    c.state.now = T0 + WINDOW_MS - 1; // 1 ms + 5 s → 6 s
    expect((await limiter.check(small, "alice@example.com")).retryAfterSeconds).toBe(6);
  });
});
