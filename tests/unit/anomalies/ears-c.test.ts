import { describe, expect, test } from "vitest";
import { computeEars, getEarsFirstIndex } from "@/lib/analytics/anomalies/ears-c";
import { readFixture, type EarsFixture } from "./reference-fixtures";

const Z_975 = 1.959963984540054; // qnorm(1 - 0.025), R's default alpha for C3
const Z_999 = 3.090232306167813; // qnorm(1 - 0.001), R's default alpha for C1 and C2
const fixture = readFixture<EarsFixture>("ears-reference.json");
const label = (c: EarsFixture["cases"][number]) => `${c.series} ${c.method} minSigma=${c.minSigma}`;

describe("computeEars against R surveillance::earsC", () => {
  const c12 = fixture.cases.filter((c) => c.method !== "C3");
  test.each(c12.map((c) => [label(c), c] as const))("%s: same upper bounds (1e-9) and alarms", (_, c) => {
    const ours = computeEars(fixture.series[c.series]!, { variant: c.method, minSigma: c.minSigma, threshold: Z_999 });
    expect(c.alpha).toBe(0.001);
    expect(ours[0]!.index).toBe(c.firstIndex);
    expect(ours).toHaveLength(c.upperbound.length);
    ours.forEach((o, i) => {
      expect(o.upperBound).toBeCloseTo(c.upperbound[i]!, 9);
      expect(o.alarm).toBe(c.alarm[i]);
    });
  });

  // surveillance 1.20.3 computes U3 = observed(t) + sd(t)·(z - carried), not the documented
  // mean(t) + sd(t)·(z - carried); so R's value is ours shifted by observed - mean.
  const c3 = fixture.cases.filter((c) => c.method === "C3");
  test.each(c3.map((c) => [label(c), c] as const))("%s: R's C3 bound is ours shifted by observed - mean", (_, c) => {
    const ours = computeEars(fixture.series[c.series]!, { variant: "C3", minSigma: c.minSigma, threshold: Z_975 });
    expect(ours[0]!.index).toBe(c.firstIndex);
    let compared = 0;
    ours.forEach((o, i) => {
      const r = c.upperbound[i];
      if (r === null || r === undefined || !Number.isFinite(o.carried) || o.sigma === 0) return; // R: NaN from 0/0
      expect(Math.max(0, o.observed + o.sigma * (Z_975 - o.carried))).toBeCloseTo(r, 9);
      // and ours is the documented U3 = mean + sd·(z - carried), floored at 0
      expect(o.upperBound).toBeCloseTo(Math.max(0, o.expected + o.sigma * (Z_975 - o.carried)), 12);
      compared++;
    });
    expect(compared).toBeGreaterThan(0.4 * c.upperbound.length);
  });
});

describe("computeEars formulas", () => {
  const values = [4, 6, 5, 7, 5, 6, 4, 5, 6, 5, 5, 6, 20, 18, 6];
  test.each([
    ["C1", 7],
    ["C2", 9],
    ["C3", 11],
  ] as const)("%s starts at index %i", (variant, first) => {
    expect(getEarsFirstIndex(variant)).toBe(first);
    expect(computeEars(values, { variant })[0]!.index).toBe(first);
  });

  test("C1 at t = 7: mean and sd of the 7 previous values, CDC threshold 3 SD", () => {
    const [first] = computeEars(values, { variant: "C1" });
    const window = values.slice(0, 7);
    const mean = window.reduce((a, b) => a + b, 0) / 7;
    const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
    expect(first!.expected).toBeCloseTo(mean, 12);
    expect(first!.upperBound).toBeCloseTo(mean + 3 * sd, 12);
    expect(first!.statistic).toBeCloseTo((values[7]! - mean) / sd, 12);
  });

  test("C3 lowers the threshold after two excess periods (documented formula, CDC threshold 2)", () => {
    const out = computeEars(values, { variant: "C3" });
    const last = out.at(-1)!; // t = 14, after the two spikes
    expect(last.carried).toBeGreaterThan(2);
    expect(last.upperBound).toBe(0); // mean + sd·(z - carried) < 0, floored at 0 as R does
    expect(last.alarm).toBe(true);
    const spike = out.find((o) => o.index === 12)!;
    expect(spike.carried).toBe(0);
    expect(spike.upperBound).toBeCloseTo(spike.expected + 2 * spike.sigma, 12);
    expect(spike.alarm).toBe(true);
  });

  test("minSigma floors the baseline sd, so a flat baseline still has a band", () => {
    const flat = [0, 0, 0, 0, 0, 0, 0, 1];
    expect(computeEars(flat, { variant: "C1" })[0]).toMatchObject({ upperBound: 0, alarm: true, score: null });
    expect(computeEars(flat, { variant: "C1", minSigma: 1 })[0]).toMatchObject({ alarm: false });
  });

  test("too short for the variant: no assessments", () => {
    expect(computeEars([1, 2, 3, 4, 5, 6, 7], { variant: "C1" })).toEqual([]);
    expect(computeEars(values.slice(0, 11), { variant: "C3" })).toEqual([]);
    expect(computeEars(values.slice(0, 12), { variant: "C3" })).toHaveLength(1);
  });
});
