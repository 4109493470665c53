import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { naive2, seasonalNaive } from "@/lib/analytics/forecast/baselines";
import { intervalCoverage, mase, maseScale, msis, smape } from "@/lib/analytics/forecast/metrics";

describe("sMAPE (0–200)", () => {
  test.each([
    // 200·10/210 = 9.5238095…, 200·20/380 = 10.5263157…
    [[100, 200], [110, 180], (200 * 10) / 210 / 2 + (200 * 20) / 380 / 2],
    [[10, 10], [10, 10], 0],
    [[0, 10], [0, 10], 0], // 0/0 counts as 0
    [[0], [5], 200], // any miss on a zero actual is the maximum
    [[5], [0], 200],
    [[1, 3], [3, 1], 100],
  ])("smape(%j, %j) = %d", (actual, forecast, expected) => {
    expect(smape(actual, forecast)).toBeCloseTo(expected, 12);
  });
});

describe("MASE", () => {
  test("scale is the in-sample mean absolute lag-m difference", () => {
    expect(maseScale([1, 3, 2, 5], 1)).toBe(2); // |2|,|1|,|3|
    expect(maseScale([1, 2, 3, 4, 2, 4, 6, 8], 4)).toBe(2.5); // |1|,|2|,|3|,|4|
    expect(maseScale([1, 2, 3], 12)).toBe(1); // not longer than m: falls back to lag 1
  });

  test.each([
    [[4, 6], [5, 5], [1, 3, 2, 5], 1, 0.5], // mean |e| = 1, scale 2
    [[10], [12], [1, 2, 3, 4, 2, 4, 6, 8], 4, 0.8], // 2 / 2.5
  ])("mase(%j, %j, insample %j, m=%d) = %d", (actual, forecast, insample, m, expected) => {
    expect(mase(actual, forecast, insample, m)).toBeCloseTo(expected, 12);
  });

  test("is NaN when the in-sample series is constant (scale 0)", () => {
    expect(mase([1], [2], [3, 3, 3], 1)).toBeNaN();
  });
});

describe("MSIS and coverage", () => {
  // insample scale 2; terms: width 2 inside; width 2 + 40·1 below; width 6 + 40·2 above.
  const actual = [5, 0, 10];
  const lower = [4, 1, 2];
  const upper = [6, 3, 8];
  test("MSIS adds 2/α times each miss to the width, over the MASE scale", () => {
    expect(msis(actual, lower, upper, [1, 3, 2, 5], 1)).toBeCloseTo((2 + 42 + 86) / 3 / 2, 12);
    expect(msis(actual, lower, upper, [1, 3, 2, 5], 1, 0.2)).toBeCloseTo((2 + (2 + 10) + (6 + 20)) / 3 / 2, 12);
  });

  test("coverage counts the bounds as inside", () => {
    expect(intervalCoverage(actual, lower, upper)).toBeCloseTo(1 / 3, 12);
    expect(intervalCoverage([4, 6], [4, 4], [6, 6])).toBe(1);
  });

  test("mismatched or empty arrays are programming errors", () => {
    expect(() => smape([1, 2], [1])).toThrow(RangeError);
    expect(() => intervalCoverage([], [], [])).toThrow(RangeError);
    expect(() => msis([1], [0], [2, 3], [1, 2], 1)).toThrow(RangeError);
  });
});

describe("against the M4 R code (tests/fixtures/forecast/make-baselines-reference.R)", () => {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/forecast/baselines-reference.json"), "utf8")) as {
    series: Record<string, { frequency: number; values: number[]; h: number; metrics: { smapeNaive2: number; maseNaive2: number; msisSnaive: number } }>;
  };
  test.each(Object.entries(fixture.series))("%s: sMAPE and MASE of Naive2, MSIS of seasonal naive", (_name, s) => {
    const train = s.values.slice(0, s.values.length - s.h);
    const test_ = s.values.slice(s.values.length - s.h);
    const n2 = naive2(train, s.frequency, s.h).forecast.map((p) => p.mean);
    expect(smape(test_, n2)).toBeCloseTo(s.metrics.smapeNaive2, 9);
    expect(mase(test_, n2, train, s.frequency)).toBeCloseTo(s.metrics.maseNaive2, 9);
    const sn = seasonalNaive(train, s.frequency, s.h).forecast;
    const lower = sn.map((p) => p.lower["95"]!);
    const upper = sn.map((p) => p.upper["95"]!);
    expect(msis(test_, lower, upper, train, s.frequency)).toBeCloseTo(s.metrics.msisSnaive, 9);
  });
});
