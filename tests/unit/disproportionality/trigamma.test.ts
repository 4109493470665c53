import { describe, expect, test } from "vitest";
import { trigamma } from "@/lib/analytics/disproportionality";

describe("trigamma", () => {
  // Reference values from R 4.2.2: format(trigamma(x), digits = 17).
  test.each([
    [0.001, 1000001.6425331959],
    [0.1, 101.43329915079275],
    [0.5, 4.934802200544679], // = π²/2
    [1, 1.6449340668482264], // = π²/6
    [2.5, 0.49035775610023491],
    [9.99, 0.10527695014824182],
    [10, 0.10516633568168572],
    [37.2, 0.027246270984764918],
    [100, 0.010050166663333566],
    [1e4, 1.0000500016666658e-4],
    [1e7, 1.0000000500000011e-7],
  ])("ψ₁(%s) matches R to 1e-14 relative", (x, expected) => {
    expect(Math.abs(trigamma(x) - expected)).toBeLessThanOrEqual(1e-14 * expected);
  });

  test("closed forms and the recurrence ψ₁(x) = ψ₁(x+1) + 1/x²", () => {
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 15);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 14);
    for (const x of [0.3, 1.7, 4.2, 9.5, 10.5, 55]) {
      expect(Math.abs(trigamma(x) - trigamma(x + 1) - 1 / (x * x))).toBeLessThan(1e-14 * trigamma(x));
    }
  });

  test("outside the domain: NaN", () => {
    expect(trigamma(0)).toBeNaN();
    expect(trigamma(-1)).toBeNaN();
    expect(trigamma(Number.NaN)).toBeNaN();
    expect(trigamma(Number.POSITIVE_INFINITY)).toBeNaN();
  });
});
