import { describe, expect, test } from "vitest";
import { detectAnomalies, type AssessedPeriod } from "@/lib/analytics/anomalies";
import { readFixture } from "./reference-fixtures";

// R surveillance 1.20.3 at its own settings, written by tests/fixtures/anomalies/make-param-fixtures.R
// (RKI weekly series and salmNewport from ../shared/data/surveillance_weekly). The app is called the
// way the API calls it: detectAnomalies with the method's params.

type EarsCase = {
  series: string;
  method: "C1" | "C2" | "C3";
  baseline: number;
  minSigma: number;
  alpha: number;
  z: number;
  firstIndex: number;
  upperbound: Array<number | null>;
  alarm: Array<boolean | null>;
  c3?: { c2FirstIndex: number; c2: Array<number | null>; partUpperboundLag2: Array<number | null>; partUpperboundLag1: Array<number | null>; baselineMean: number[]; baselineSd: number[] };
};
type FarringtonCase = {
  set: string;
  series: string;
  frequency: 52;
  control: { b: number; w: number; noPeriods: number; pastWeeksNotIncluded: number; thresholdMethod: "nbPlugin" | "muan"; alpha: number; reweight: boolean };
  firstIndex: number;
  upperbound: Array<number | null>;
  alarm: boolean[];
  expected: Array<number | null>;
  phi: number[];
  trend: number[];
};

const ears = readFixture<{ series: Record<string, number[]>; cases: EarsCase[] }>("ears-cdc-reference.json");
const farrington = readFixture<{ series: Record<string, number[]>; cases: FarringtonCase[]; skipped: unknown[] }>("farrington-alpha-reference.json");

const close = (ours: number | null | undefined, r: number, tolerance = 1e-6) => expect(Math.abs((ours ?? Number.NaN) - r)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(r)));

function runEars(c: EarsCase): AssessedPeriod[] {
  const method = `ears_${c.method.toLowerCase()}` as "ears_c1" | "ears_c2" | "ears_c3";
  // CDC's thresholds are the defaults; only a baseline other than 7 is sent.
  const result = detectAnomalies({ values: ears.series[c.series]!, frequency: 52, method, params: c.baseline === 7 ? {} : { baseline: c.baseline } });
  expect(result.parameters.threshold).toBe(c.method === "C3" ? 2 : 3);
  expect(result.settings.rAlpha).toBeCloseTo(c.alpha, 14);
  return result.assessments;
}

describe("EARS at CDC's thresholds (3 SD; C3: 2) against R surveillance::earsC", () => {
  test("the fixture covers 15 series × C1, C2, C3 × baselines 7 and 12", () => {
    expect(ears.cases).toHaveLength(90);
    expect(ears.cases.filter((c) => c.alarm.some(Boolean)).length).toBeGreaterThan(60);
  });

  const c12 = ears.cases.filter((c) => c.method !== "C3");
  test.each(c12.map((c) => [`${c.series} ${c.method} baseline ${c.baseline}`, c] as const))("%s: same bounds (1e-6) and alarms for every period", (_, c) => {
    const ours = runEars(c);
    expect(ours[0]!.index).toBe(c.firstIndex);
    expect(ours).toHaveLength(c.upperbound.length);
    ours.forEach((o, i) => {
      close(o.upperBound, c.upperbound[i]!);
      expect(o.alarm).toBe(c.alarm[i]);
    });
  });

  // surveillance 1.20.3 starts C3's bound from observed(t), not the baseline mean its help page gives,
  // so its alarm ignores the current count. We follow the documented formula; here every part of it
  // is R's own number (captured inside earsC), and R's bound is ours shifted by observed - mean.
  const c3 = ears.cases.filter((c) => c.method === "C3");
  test.each(c3.map((c) => [`${c.series} C3 baseline ${c.baseline}`, c] as const))("%s: R's baseline, sd and carried excess; the documented bound from them", (_, c) => {
    const ours = runEars(c);
    const r = c.c3!;
    expect(ours[0]!.index).toBe(c.firstIndex);
    expect(ours).toHaveLength(c.upperbound.length);
    let compared = 0;
    ours.forEach((o, k) => {
      const lag1 = r.partUpperboundLag1[k];
      const lag2 = r.partUpperboundLag2[k];
      close(o.expected, r.baselineMean[k]!);
      close(o.sigma, r.baselineSd[k]!);
      if (lag1 === null || lag2 === null || r.baselineSd[k] === 0) return; // R: NaN from 0/0
      close(o.carried, lag1! + lag2!);
      const documented = Math.max(0, r.baselineMean[k]! + r.baselineSd[k]! * (c.z - lag1! - lag2!));
      close(o.upperBound, documented);
      expect(o.alarm).toBe(o.observed > documented);
      const rBound = c.upperbound[k];
      if (rBound !== null && rBound! > 0 && documented > 0) close(rBound! - (o.observed - o.expected), documented);
      compared++;
    });
    expect(compared).toBeGreaterThan(10); // sparse series have many flat baselines (R: NaN)
  });

  test("C3's C2 terms equal R's C2 (the statistic of ears_c2 at the same baseline)", () => {
    for (const c of c3) {
      const c2 = detectAnomalies({ values: ears.series[c.series]!, frequency: 52, method: "ears_c2", params: c.baseline === 7 ? {} : { baseline: c.baseline } }).assessments;
      const byIndex = new Map(c2.map((a) => [a.index, a.statistic]));
      c.c3!.c2.forEach((r, k) => {
        const ours = byIndex.get(c.c3!.c2FirstIndex + k);
        if (r === null || ours === undefined || ours === null) return;
        close(ours, r);
      });
    }
  });
});

describe("Farrington-flexible at alpha 0.01 and 0.05 against R surveillance::farringtonFlexible", () => {
  test("the fixture has 58 runs, both alphas, no R failures, and alarms that differ between the alphas", () => {
    expect(farrington.cases).toHaveLength(58);
    expect(farrington.skipped).toEqual([]);
    const alarms = (alpha: number) => farrington.cases.filter((c) => c.control.alpha === alpha).reduce((n, c) => n + c.alarm.filter(Boolean).length, 0);
    expect(alarms(0.05)).toBeGreaterThan(alarms(0.01));
  });

  // Bounds of nbPlugin and muan are quantiles (whole numbers): equal. expected to 1e-6 relative; alarms and trend decisions equal.
  test.each(farrington.cases.map((c) => [`${c.set} ${c.series} alpha=${c.control.alpha} b=${c.control.b} w=${c.control.w} ${c.control.thresholdMethod}${c.control.reweight ? "" : " no reweight"}`, c] as const))(
    "%s",
    (_, c) => {
      const { control } = c;
      const result = detectAnomalies({
        values: farrington.series[c.series]!,
        frequency: 52,
        method: "farrington",
        params: { alpha: control.alpha, b: control.b, w: control.w, noPeriods: control.noPeriods, pastPeriodsNotIncluded: control.pastWeeksNotIncluded, thresholdMethod: control.thresholdMethod, reweight: control.reweight },
      });
      const ours = result.assessments;
      expect(ours).toHaveLength(c.upperbound.length);
      ours.forEach((o, i) => {
        expect(o.index).toBe(c.firstIndex + i);
        expect(o.alarm).toBe(c.alarm[i]);
        expect(o.trendFitted).toBe(c.trend[i] === 1);
        close(o.phi, c.phi[i]!);
        const upper = c.upperbound[i];
        if (upper === null || upper === undefined) {
          expect(o.limit54Suppressed || !o.alarm).toBe(true); // R: limit54 not met, bound NA
          return;
        }
        close(o.expected, c.expected[i]!);
        expect(o.upperBound).toBe(upper);
      });
    },
  );
});
