import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";

/** A virtual clock: sleeping moves time on at once, so the order of turns is exact and the test instant. */
function virtualClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

// 80 a minute: a burst of 10 (80 / 8), then one token every 60 000 / 70 ≈ 857 ms.
const PER_MINUTE = 80;
const MS_PER_TOKEN = 60_000 / (PER_MINUTE - 10);

describe("fair openFDA budget", () => {
  test("one caller's twenty queued requests do not make another's single request wait behind them", async () => {
    const budget = createFairBudget({ perMinute: PER_MINUTE, maxWaitMs: Number.POSITIVE_INFINITY, ...virtualClock() });
    const order: string[] = [];
    const turns = [
      ...Array.from({ length: 20 }, (_, i) => budget.take("user:a").then(() => order.push(`a${i}`))),
      budget.take("user:b").then(() => order.push("b")),
    ];
    await Promise.all(turns);
    // FIFO would serve b 21st; round-robin serves it right after a's first.
    expect(order.indexOf("b")).toBe(1);
    // Each caller's own requests keep their order.
    expect(order.filter((o) => o !== "b")).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
  });

  test("three callers are served in turn once the burst is spent", async () => {
    const budget = createFairBudget({ perMinute: PER_MINUTE, maxWaitMs: Number.POSITIVE_INFINITY, ...virtualClock() });
    const order: string[] = [];
    await Promise.all(
      ["a", "b", "c"].flatMap((caller) => Array.from({ length: 6 }, () => budget.take(caller).then(() => order.push(caller)))),
    );
    expect(order.join("")).toBe("abcabcabcabcabcabc");
  });

  test("a request whose turn is further off than maxWaitMs is refused at once with 503 and Retry-After; others still get theirs", async () => {
    const clock = virtualClock();
    const budget = createFairBudget({ perMinute: PER_MINUTE, maxWaitMs: 5000, ...clock });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        budget.take("user:a").then(
          () => "granted",
          (error: unknown) => error,
        ),
      ),
    );
    // 10 from the burst, then k-th queued (0-based) waits (k + 1 − 10) tokens: k ≤ 14 fits in 5 s.
    const accepted = Math.floor((5000 / MS_PER_TOKEN) + 10);
    expect(outcomes.filter((o) => o === "granted")).toHaveLength(accepted);
    const refused = outcomes.filter((o): o is AppError => o instanceof AppError);
    expect(refused).toHaveLength(20 - accepted);
    for (const error of refused) {
      expect(error.code).toBe("service_unavailable");
      expect(error.status).toBe(503);
      expect(error.retryAfterSeconds).toBeGreaterThan(5);
      expect(error.message).toMatch(/would wait about \d+ s/);
    }
  });

  test("while one caller fills its bound, another caller's request is still accepted and served early", async () => {
    const budget = createFairBudget({ perMinute: PER_MINUTE, maxWaitMs: 5000, ...virtualClock() });
    const order: string[] = [];
    const a = Array.from({ length: 30 }, () => budget.take("user:a").then(() => order.push("a"), () => order.push("a-refused")));
    const b = budget.take("user:b").then(() => order.push("b"));
    await Promise.all([...a, b]);
    expect(order).toContain("a-refused");
    expect(order.filter((o) => o !== "a-refused").indexOf("b")).toBeLessThanOrEqual(1);
  });

  test("a shared budget that says no holds the turn until it says yes", async () => {
    const clock = virtualClock();
    let calls = 0;
    const budget = createFairBudget({
      perMinute: PER_MINUTE,
      maxWaitMs: Number.POSITIVE_INFINITY,
      ...clock,
      shared: async () => (++calls <= 2 ? { allowed: false, retryAfterMs: 1000 } : { allowed: true }),
    });
    await budget.take("user:a");
    expect(calls).toBe(3);
    expect(clock.now()).toBe(2000);
  });

  test("a failing shared budget fails open: the local bucket still paces the process", async () => {
    const budget = createFairBudget({
      perMinute: PER_MINUTE,
      maxWaitMs: Number.POSITIVE_INFINITY,
      ...virtualClock(),
      shared: async () => {
        throw new Error("store down");
      },
    });
    await expect(Promise.all(Array.from({ length: 12 }, () => budget.take("user:a")))).resolves.toHaveLength(12);
  });
});
