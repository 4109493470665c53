import { describe, expect, test } from "vitest";
import { computeFarringtonBlocks } from "@/lib/analytics/anomalies/farrington-blocks";
import { computeFarringtonFlexible } from "@/lib/analytics/anomalies/farrington-flexible";
import { computeFarringtonThreshold } from "@/lib/analytics/anomalies/farrington-threshold";
import { readFixture, type FarringtonFixture } from "./reference-fixtures";

const fixture = readFixture<FarringtonFixture>("farrington-reference.json");

describe("computeFarringtonFlexible against R surveillance::farringtonFlexible", () => {
  // Tolerance: expected within 1e-8 relative; NB/Poisson quantile thresholds are integers and must be
  // equal; the delta-method threshold within 1e-8 relative; alarms, phi and trend decisions equal.
  test.each(fixture.cases.map((c) => [`${c.series} f=${c.frequency} b=${c.control.b} ${c.control.thresholdMethod} noPeriods=${c.control.noPeriods}`, c] as const))(
    "%s",
    (_, c) => {
      const ours = computeFarringtonFlexible(fixture.series[c.series]!, {
        frequency: c.frequency,
        b: c.control.b,
        w: c.control.w,
        noPeriods: c.control.noPeriods,
        pastPeriodsNotIncluded: c.control.pastWeeksNotIncluded,
        thresholdMethod: c.control.thresholdMethod,
        alpha: c.control.alpha,
        weightsThreshold: c.control.weightsThreshold,
        pThresholdTrend: c.control.pThresholdTrend,
      });
      expect(ours).toHaveLength(c.upperbound.length);
      ours.forEach((o, i) => {
        expect(o.index).toBe(c.firstIndex + i);
        expect(o.alarm).toBe(c.alarm[i]);
        expect(o.trendFitted).toBe(c.trend[i] === 1);
        expect(o.phi).toBeCloseTo(c.phi[i]!, 8);
        const upper = c.upperbound[i];
        if (upper === null || upper === undefined) {
          expect(o.alarm).toBe(false); // R: limit54 not met (fewer than 5 cases in 4 periods)
          return;
        }
        expect(Math.abs(o.expected - c.expected[i]!)).toBeLessThanOrEqual(1e-8 * Math.max(1, c.expected[i]!));
        if (c.control.thresholdMethod === "delta") expect(Math.abs(o.upperBound! - upper)).toBeLessThanOrEqual(1e-8 * upper);
        else expect(o.upperBound).toBe(upper);
      });
    },
  );

  test("the fixtures exercise alarms, trends and suppressed periods", () => {
    const alarms = fixture.cases.reduce((n, c) => n + c.alarm.filter(Boolean).length, 0);
    const trends = fixture.cases.reduce((n, c) => n + c.trend.filter((t) => t === 1).length, 0);
    const suppressed = fixture.cases.reduce((n, c) => n + c.upperbound.filter((u) => u === null).length, 0);
    expect(alarms).toBeGreaterThan(50);
    expect(trends).toBeGreaterThan(50);
    expect(suppressed).toBeGreaterThan(50);
  });
});

describe("computeFarringtonBlocks (surveillance's blocks())", () => {
  test("weekly, b = 1, w = 3, 10 levels: windows get level 10, the 45-week gap nine blocks of 5", () => {
    const labels = computeFarringtonBlocks(60, { frequency: 52, b: 1, w: 3, noPeriods: 10 });
    expect(labels.slice(5, 12)).toEqual([10, 10, 10, 10, 10, 10, 10]); // 8 ± 3
    expect(labels.slice(12, 17)).toEqual([1, 1, 1, 1, 1]);
    expect(labels.slice(52, 57)).toEqual([9, 9, 9, 9, 9]);
    expect(labels.slice(57, 61)).toEqual([10, 10, 10, 10]);
    expect(Number.isNaN(labels[4]!)).toBe(true);
  });

  test("a remainder lengthens the first blocks by one", () => {
    const labels = computeFarringtonBlocks(30, { frequency: 12, b: 2, w: 1, noPeriods: 5 });
    // gap 12 - 3 = 9 periods into 4 blocks: 3, 2, 2, 2
    expect(labels.slice(8, 17)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  test.each([
    [{ frequency: 52, b: 5, w: 3, noPeriods: 10 }, 200, /no complete reference/],
    [{ frequency: 12, b: 1, w: 3, noPeriods: 10 }, 40, /too many/],
  ] as const)("throws when the design is impossible (%j at t=%i)", (options, t, message) => {
    expect(() => computeFarringtonBlocks(t, options)).toThrow(message);
  });
});

describe("computeFarringtonThreshold", () => {
  // qnbinom / qpois / the 2/3-power formula evaluated in R 4.2.2.
  test.each([
    ["nbPlugin", Math.log(10), 0.1, 2, 0.05, 18], // qnbinom(0.95, 10, 0.5)
    ["nbPlugin", Math.log(10), 0.1, 1, 0.05, 15], // qpois(0.95, 10)
    ["muan", Math.log(10), 0.1, 2, 0.05, 21], // qnbinom(0.95, exp(qnorm(0.95, log(10), 0.1)), 0.5)
  ] as const)("%s eta=%f se=%f phi=%f alpha=%f -> %i", (method, eta, seEta, phi, alpha, expected) => {
    expect(computeFarringtonThreshold({ method, eta, seEta, phi, alpha })).toBe(expected);
  });

  test("delta: (mu^(2/3) + z·sqrt(4/9·mu^(1/3)·(phi + se²/mu)))^(3/2)", () => {
    const mu = 10;
    const seMu = 1;
    const z = 1.6448536269514722;
    const expected = (mu ** (2 / 3) + z * Math.sqrt((4 / 9) * Math.cbrt(mu) * (2 + seMu ** 2 / mu))) ** 1.5;
    expect(computeFarringtonThreshold({ method: "delta", eta: Math.log(mu), seEta: seMu / mu, phi: 2, alpha: 0.05 })).toBeCloseTo(expected, 12);
  });
});
