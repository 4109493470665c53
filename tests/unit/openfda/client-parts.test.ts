import { describe, expect, test } from "vitest";
import { isValidSearchAfter, parseNextSearchAfter } from "@/lib/sources/openfda/link-header";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";
import { backoffMs, parseRetryAfter } from "@/lib/sources/openfda/retry-policy";

describe("token bucket", () => {
  test("never lets more than perMinute calls through in any 60 s window", async () => {
    let now = 0;
    const bucket = createFairBudget({
      maxWaitMs: Number.POSITIVE_INFINITY,
      perMinute: 240,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await bucket.take();
      times.push(now);
    }
    // Sliding 60 s windows starting at each call.
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (j < times.length && (times[j] as number) < (times[i] as number) + 60_000) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBeLessThanOrEqual(240);
    expect(worst).toBeGreaterThan(200); // and it is not needlessly slow
    expect(bucket.capacity).toBe(30);
  });
});

describe("retry policy", () => {
  test.each([
    ["1", 1000],
    ["0", 0],
    ["2.5", 2500],
    ["", null],
    ["soon", null],
    [null, null],
  ])("Retry-After %j → %j ms", (header, expected) => {
    expect(parseRetryAfter(header, 0)).toBe(expected);
  });

  test("Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    expect(parseRetryAfter("Sat, 28 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
  });

  test("backoff is full jitter under an exponential cap", () => {
    expect(backoffMs(0, () => 1)).toBe(250);
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(10, () => 1)).toBe(4000);
    expect(backoffMs(2, () => 0)).toBe(0);
  });
});

describe("Link header", () => {
  test("takes only the search_after value of rel=next", () => {
    const link = '<https://api.fda.gov/drug/event.json?search=x&limit=100&search_after=0%3D1700000000000%3B1%3DAbC-12_3>; rel="next"';
    expect(parseNextSearchAfter(link)).toBe("0=1700000000000;1=AbC-12_3");
    expect(parseNextSearchAfter(null)).toBeNull();
    expect(parseNextSearchAfter('<https://x/y>; rel="prev"')).toBeNull();
  });

  test.each([
    ["0=1;1=abc", true],
    ["0=1700000000000;1=AbC-12_3", true],
    ["0=1&search=*", false],
    ["0=1;1=a b", false],
    ['0=1;1="x"', false],
    ["", false],
  ])("search_after %j valid: %s", (value, valid) => {
    expect(isValidSearchAfter(value)).toBe(valid);
  });
});
