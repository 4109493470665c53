import { describe, expect, test } from "vitest";
import { AnomalyInputError, detectAnomalies, MAX_SERIES_LENGTH, MAX_SHESD_SERIES_LENGTH } from "@/lib/analytics/anomalies";

// Generated counts (not real data): a weekly series with a mild cycle and one spike.
const weekly = (n: number, spikeAt?: number) => Array.from({ length: n }, (_, i) => (i === spikeAt ? 70 : 10 + ((i * 7) % 5) + (i % 52 < 4 ? 3 : 0)));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

function refusal(run: () => unknown): AnomalyInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnomalyInputError) return error;
    throw error;
  }
  throw new Error("expected an AnomalyInputError");
}

describe("EARS parameters: every period's bound from the analyst's threshold, baseline and guard", () => {
  const values = weekly(60, 50);

  test("defaults are CDC's, each with its source; the answer gives R's equivalent alpha", () => {
    const c1 = detectAnomalies({ values, frequency: 52, method: "ears_c1" });
    expect(c1.parameters).toEqual({ threshold: 3, baseline: 7, minSigma: 0 });
    expect(c1.parameterSources.threshold).toMatch(/^default: 3 standard deviations, CDC/);
    expect(c1.parameterSources.baseline).toMatch(/^default: 7 periods/);
    expect(c1.settings.rAlpha).toBeCloseTo(0.0013498980316301, 12); // 1 - pnorm(3)
    const c3 = detectAnomalies({ values, frequency: 52, method: "ears_c3" });
    expect(c3.parameters).toEqual({ threshold: 2, baseline: 7, guard: 2, minSigma: 0 });
    expect(c3.settings.rAlpha).toBeCloseTo(0.0227501319481792, 12); // 1 - pnorm(2)
  });

  test("C2 with threshold 2.5, baseline 10, guard 1: bound = mean + 2.5 sd of y[t-11..t-2], for every period from 11 on", () => {
    const result = detectAnomalies({ values, frequency: 52, method: "ears_c2", params: { threshold: 2.5, baseline: 10, guard: 1 } });
    expect(result.parameterSources).toMatchObject({ threshold: "request", baseline: "request", guard: "request" });
    expect(result.parameterSources.minSigma).toMatch(/^default/);
    expect(result.assessedFrom).toBe(11);
    expect(result.assessments).toHaveLength(values.length - 11);
    for (const a of result.assessments) {
      const window = values.slice(a.index - 11, a.index - 1);
      expect(a.expected).toBeCloseTo(mean(window), 12);
      expect(a.upperBound!).toBeCloseTo(mean(window) + 2.5 * sd(window), 12);
      expect(a.alarm).toBe(values[a.index]! > mean(window) + 2.5 * sd(window));
    }
    expect(result.anomalies.map((a) => a.index)).toContain(50);
  });

  test("C1 minSigma floors the sd: a flat baseline gets a band of minSigma·threshold", () => {
    const flat = [5, 5, 5, 5, 5, 5, 5, 6];
    const [a] = detectAnomalies({ values: flat, frequency: 52, method: "ears_c1", params: { minSigma: 1 } }).assessments;
    expect(a).toMatchObject({ index: 7, expected: 5, upperBound: 8, alarm: false });
  });

  test("a baseline longer than the series is refused, naming the parameter, instead of falling back", () => {
    const error = refusal(() => detectAnomalies({ values: weekly(20), frequency: 52, method: "ears_c3", params: { baseline: 20 } }));
    expect(error.details).toMatchObject({ parameter: "params.baseline", minPeriods: 25 });
    expect(error.message).toMatch(/ears_c3 with baseline 20 and guard 2 needs at least 25 periods; the series has 20/);
  });
});

describe("Farrington parameters", () => {
  const values = weekly(260, 250);

  test("defaults say where they come from; b is derived from the length", () => {
    const result = detectAnomalies({ values, frequency: 52, method: "farrington" });
    expect(result.parameters).toEqual({ alpha: 0.05, b: 4, w: 3, reweight: true, noPeriods: 10, pastPeriodsNotIncluded: 26, thresholdMethod: "nbPlugin" });
    expect(result.parameterSources.b).toMatch(/^derived: as many years back as the series holds/);
    expect(result.parameterSources.alpha).toMatch(/^default: 0.05, Noufaily/);
    expect(result.settings).toMatchObject({ weightsThreshold: 2.58, pThresholdTrend: 0.05, limit54: [5, 4] });
  });

  test("a smaller alpha raises every bound; b and w set where assessment starts", () => {
    const at05 = detectAnomalies({ values, frequency: 52, method: "farrington", params: { b: 2, w: 2 } });
    const at01 = detectAnomalies({ values, frequency: 52, method: "farrington", params: { b: 2, w: 2, alpha: 0.01 } });
    expect(at05.assessedFrom).toBe(2 * 52 + 2);
    expect(at01.assessments.map((a) => a.index)).toEqual(at05.assessments.map((a) => a.index));
    at01.assessments.forEach((a, i) => expect(a.upperBound!).toBeGreaterThanOrEqual(at05.assessments[i]!.upperBound!));
    expect(at01.assessments.some((a, i) => a.upperBound! > at05.assessments[i]!.upperBound!)).toBe(true);
  });

  test.each([
    [{ b: 5 }, "params.b", /b = 5 and w = 3 needs at least 264 periods/],
    [{ w: 26 }, "params.w", /longer than the 52-period cycle/],
    [{ w: 20, noPeriods: 20 }, "params.noPeriods", /only 11 period\(s\) lie between them/],
    [{ pastPeriodsNotIncluded: 500 }, "params.pastPeriodsNotIncluded", /leaves no reference data/],
  ])("%j does not fit a 209-week series → %s", (params, parameter, message) => {
    const error = refusal(() => detectAnomalies({ values: weekly(209), frequency: 52, method: "farrington", params }));
    expect(error.details?.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });
});

describe("S-H-ESD parameters", () => {
  test("an explicit period needs more than two cycles; the frequency may then be left out", () => {
    const values = Array.from({ length: 100 }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + (i === 80 ? 60 : 0));
    const ok = detectAnomalies({ values, method: "shesd", params: { period: 24 } });
    expect(ok.parameters.period).toBe(24);
    expect(ok.anomalies.map((a) => a.index)).toContain(80);
    const error = refusal(() => detectAnomalies({ values, method: "shesd", params: { period: 50 } }));
    expect(error.details).toMatchObject({ parameter: "params.period", minPeriods: 101 });
  });

  test("onlyLast and threshold need a period; longtermPeriod needs more than two cycles per window", () => {
    const values = weekly(300);
    expect(refusal(() => detectAnomalies({ values, frequency: 1, method: "shesd", params: { onlyLast: true } })).details?.parameter).toBe("params.onlyLast");
    expect(refusal(() => detectAnomalies({ values, frequency: 1, method: "shesd", params: { threshold: "p95" } })).details?.parameter).toBe("params.threshold");
    expect(refusal(() => detectAnomalies({ values, frequency: 52, method: "shesd", params: { longtermPeriod: 100 } })).details?.parameter).toBe("params.longtermPeriod");
  });

  test("long calendar series get 4-cycle windows by default, and longtermPeriod null asks for one", () => {
    const values = weekly(500);
    const auto = detectAnomalies({ values, frequency: 52, method: "shesd" });
    expect(auto.parameters.longtermPeriod).toBe(208);
    expect(auto.parameterSources.longtermPeriod).toMatch(/^derived: the series holds more than 8 cycles/);
    const one = detectAnomalies({ values, frequency: 52, method: "shesd", params: { longtermPeriod: null } });
    expect(one.parameters.longtermPeriod).toBeNull();
    expect(one.parameterSources.longtermPeriod).toBe("request");
  });

  test("direction neg flags a dip that pos ignores, with a lower bound in counts", () => {
    const values = Array.from({ length: 60 }, (_, i) => 40 + (i % 4) - (i === 30 ? 35 : 0));
    const pos = detectAnomalies({ values, frequency: 1, method: "shesd" });
    const neg = detectAnomalies({ values, frequency: 1, method: "shesd", params: { direction: "neg" } });
    expect(pos.anomalies.map((a) => a.index)).not.toContain(30);
    const dip = neg.anomalies.find((a) => a.index === 30)!;
    expect(dip.observed).toBeLessThan(dip.lowerBound!);
    expect(dip.upperBound).toBeNull();
  });
});

describe("params that do not belong, and series lengths per method", () => {
  test("params with method auto are refused", () => {
    expect(refusal(() => detectAnomalies({ values: weekly(60), frequency: 52, params: { threshold: 2 } })).details?.parameter).toBe("params");
  });

  test("a parameter of another method is refused, saying whose it is", () => {
    const error = refusal(() => detectAnomalies({ values: weekly(60), frequency: 52, method: "ears_c1", params: { alpha: 0.01 } as never }));
    expect(error.details?.parameter).toBe("params.alpha");
    expect(error.message).toBe("params.alpha is a parameter of farrington, shesd; ears_c1 takes threshold, baseline, minSigma");
    expect(refusal(() => detectAnomalies({ values: weekly(60), frequency: 52, method: "ears_c1", params: { guard: 1 } as never })).message).toMatch(/a parameter of ears_c2, ears_c3/);
  });

  test(`count methods take ${MAX_SERIES_LENGTH} points, shesd ${MAX_SHESD_SERIES_LENGTH}`, () => {
    const long = new Array<number>(MAX_SERIES_LENGTH + 1).fill(3);
    expect(refusal(() => detectAnomalies({ values: long, frequency: 52, method: "ears_c1" })).message).toMatch(/ears_c1 takes at most 5000.*or use method "shesd" \(up to 20000\)/);
    expect(detectAnomalies({ values: long, frequency: 52, method: "shesd" }).assessments).toHaveLength(MAX_SERIES_LENGTH + 1);
    expect(refusal(() => detectAnomalies({ values: new Array<number>(MAX_SHESD_SERIES_LENGTH + 1).fill(3), frequency: 52, method: "shesd" })).details).toMatchObject({ parameter: "series", maxPoints: 20000 });
  });
});

describe("Farrington on a series shorter than one year back plus its window", () => {
  test("with params set, the series is named (no b could fit), not params.b", () => {
    const error = refusal(() => detectAnomalies({ values: weekly(40), frequency: 52, method: "farrington", params: { alpha: 0.01 } }));
    expect(error.details).toMatchObject({ parameter: "series", minPeriods: 56 });
    expect(error.message).toMatch(/b = 1 and w = 3 needs at least 56 periods \(b years back plus the window\); the series has 40\. Send more periods or use an EARS method\./);
  });
});
