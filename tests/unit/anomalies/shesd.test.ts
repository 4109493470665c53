import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { runGeneralizedEsd } from "@/lib/analytics/anomalies/generalized-esd";
import { computeShesd } from "@/lib/analytics/anomalies/shesd";
import type { ShesdAssessment } from "@/lib/analytics/anomalies/shesd";
import { sharedDataPath } from "@/tests/support/shared-data";

// The S-H-ESD example series of Twitter's AnomalyDetection (../shared/data, see its README).
const RAW_DATA = sharedDataPath("twitter_anomalydetection", "raw_data.csv");
const counts = readFileSync(RAW_DATA, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => Number(line.split(",")[1]));

describe("computeShesd on Twitter's raw_data (period 1440, max_anoms 0.02, alpha 0.05)", () => {
  let both: ShesdAssessment[] = [];
  let all: ShesdAssessment[] = [];
  beforeAll(() => {
    all = computeShesd(counts, { period: 1440, maxAnoms: 0.02, alpha: 0.05, direction: "both" }).assessments;
    both = all.filter((a) => a.alarm);
  });

  // Counts asserted by AnomalyDetection's tests/testthat/test-vec.R (AnomalyDetectionVec).
  test("direction both: 131 anomalies (longterm_period 1440·14 covers the whole series: one window)", () => {
    expect(counts).toHaveLength(14398);
    expect(both).toHaveLength(131);
  });

  test("only_last: 25 of them in the last period", () => {
    expect(both.filter((a) => a.index >= counts.length - 1440)).toHaveLength(25);
  });

  test('threshold "med_max": 6 at or above the median of the daily maxima', () => {
    const maxima: number[] = [];
    for (let i = 0; i < counts.length; i += 1440) maxima.push(Math.max(...counts.slice(i, i + 1440)));
    maxima.sort((a, b) => a - b);
    const median = (maxima[(maxima.length - 1) >> 1]! + maxima[maxima.length >> 1]!) / 2;
    expect(both.filter((a) => a.observed >= median)).toHaveLength(6);
  });

  test("every point is assessed; the 287 tested ones (trunc(14398·0.02)) carry their step, R_i, lambda_i and both bounds", () => {
    expect(all).toHaveLength(counts.length);
    const tested = all.filter((a) => a.step !== null);
    expect(tested).toHaveLength(287);
    expect(new Set(tested.map((a) => a.step))).toEqual(new Set(Array.from({ length: 287 }, (_, i) => i + 1)));
    for (const a of tested) {
      expect(a.lowerBound!).toBeLessThan(a.upperBound!);
      expect(a.score).toBeCloseTo(a.statistic! / a.critical!, 12);
    }
    // flagged = tested up to the last significant step
    const lastFlagStep = Math.max(...both.map((a) => a.step!));
    expect(lastFlagStep).toBe(131);
    expect(tested.filter((a) => a.step! <= 131).every((a) => a.alarm)).toBe(true);
    expect(all.filter((a) => a.step === null).every((a) => a.critical === null && a.upperBound === null && !a.alarm)).toBe(true);
  });

  test("each flag lies on the side of the bound it crossed, and a score of R/lambda", () => {
    for (const a of both) {
      expect(a.alarm).toBe(true);
      const high = a.observed > (a.upperBound! + a.lowerBound!) / 2;
      if (a.statistic! > a.critical!) expect(high ? a.observed > a.upperBound! : a.observed < a.lowerBound!).toBe(true);
      expect(a.score).toBeGreaterThan(0.5);
    }
    expect(both.map((a) => a.index)).toEqual([...both.map((a) => a.index)].sort((x, y) => x - y));
  });
});

describe("runGeneralizedEsd", () => {
  const base = Array.from({ length: 20 }, (_, i) => 10 + 1.5 * Math.sin(1.7 * i));

  test("finds planted outliers in removal order and stops at the last significant step", () => {
    const values = [...base];
    values[4] = 40;
    values[15] = 30;
    const { tested, significant } = runGeneralizedEsd(values, { maxOutliers: 5, alpha: 0.05, direction: "both" });
    expect(significant).toBe(2);
    expect(tested).toHaveLength(5);
    expect(tested.slice(0, 2).map((s) => s.position)).toEqual([4, 15]);
    expect(tested[0]!.statistic).toBeGreaterThan(tested[0]!.critical);
    expect(tested.slice(2).every((s) => s.statistic <= s.critical)).toBe(true);
  });

  test("direction pos ignores a low outlier, neg finds it", () => {
    const values = [...base];
    values[7] = -20;
    expect(runGeneralizedEsd(values, { maxOutliers: 3, alpha: 0.05, direction: "pos" }).significant).toBe(0);
    const neg = runGeneralizedEsd(values, { maxOutliers: 3, alpha: 0.05, direction: "neg" });
    expect(neg.significant).toBe(1);
    expect(neg.tested[0]!.position).toBe(7);
  });

  test("a constant series has no outliers (zero MAD and zero mean deviation)", () => {
    expect(runGeneralizedEsd(new Array<number>(30).fill(3), { maxOutliers: 3, alpha: 0.05, direction: "both" })).toEqual({ tested: [], significant: 0 });
  });
});
