import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeEars } from "@/lib/analytics/anomalies/ears-c";
import { computeFarringtonFlexible } from "@/lib/analytics/anomalies/farrington-flexible";
import { computeShesd } from "@/lib/analytics/anomalies/shesd";
import { detectAnomalies, type DetectableMethod, type Frequency } from "@/lib/analytics/anomalies";

const METHODS: DetectableMethod[] = ["ears_c1", "ears_c2", "ears_c3", "farrington", "shesd"];
const FREQS: Frequency[] = [1, 4, 12, 52];

/** Deterministic Poisson(lambda) draws (inverse CDF on a mulberry32 stream). */
function poissonSeries(seed: number, n: number, lambda: (i: number) => number): number[] {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, (_, i) => {
    const l = lambda(i);
    let k = 0;
    let p = Math.exp(-l);
    let cdf = p;
    const u = uniform();
    while (u > cdf && k < 10_000) {
      k++;
      p *= l / k;
      cdf += p;
    }
    return k;
  });
}

describe("properties of detectAnomalies", () => {
  test("never throws on valid input; indices in range, sorted, unique; observed matches the input", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { maxLength: 130 }),
        fc.constantFrom(...FREQS),
        fc.constantFrom<DetectableMethod | "auto">(...METHODS, "auto"),
        (values, frequency, method) => {
          const result = detectAnomalies({ values, frequency, method });
          const indices = result.anomalies.map((a) => a.index);
          expect(new Set(indices).size).toBe(indices.length);
          expect(indices).toEqual([...indices].sort((x, y) => x - y));
          for (const a of result.anomalies) {
            expect(a.index).toBeGreaterThanOrEqual(0);
            expect(a.index).toBeLessThan(values.length);
            expect(a.observed).toBe(values[a.index]);
            expect(Number.isFinite(a.expected)).toBe(true);
            expect(a.upperBound === null || Number.isFinite(a.upperBound)).toBe(true);
            expect(a.method).toBe(result.method);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  test("no anomalies on a constant series, for every method and frequency", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 }), fc.constantFrom(...FREQS), fc.constantFrom(...METHODS), (c, n, frequency, method) => {
        expect(detectAnomalies({ values: new Array<number>(n).fill(c), frequency, method }).anomalies).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  test("a large spike late in a long, stable, seasonal Poisson series is flagged by every method", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 8 }), (seed, level, back) => {
        const n = 4 * 52 + 20;
        const values = poissonSeries(seed, n, (i) => level * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 52)));
        const at = n - back;
        values[at] = Math.round(level * 1.3 + 10 * Math.sqrt(level) + 20);
        for (const method of METHODS) {
          const result = detectAnomalies({ values, frequency: 52, method });
          expect(result.method, method).toBe(method);
          expect(result.anomalies.map((a) => a.index), method).toContain(at);
        }
      }),
      { numRuns: 8 },
    );
  });
});

describe("properties of the thresholds", () => {
  const counts = fc.array(fc.nat({ max: 80 }), { minLength: 12, maxLength: 150 });

  test("EARS C1/C2: threshold >= expected; alarm exactly when observed > threshold", () => {
    fc.assert(
      fc.property(counts, fc.constantFrom("C1" as const, "C2" as const), fc.constantFrom(0, 0.5, 1), (values, variant, minSigma) => {
        for (const a of computeEars(values, { variant, minSigma })) {
          expect(a.upperBound!).toBeGreaterThanOrEqual(a.expected);
          expect(a.alarm).toBe(a.observed > a.upperBound!);
        }
      }),
    );
  });

  test("EARS C3: threshold >= expected unless the two previous periods carried an excess", () => {
    fc.assert(
      fc.property(counts, (values) => {
        for (const a of computeEars(values, { variant: "C3" })) {
          if (a.carried === 0) expect(a.upperBound!).toBeGreaterThanOrEqual(a.expected);
          expect(a.alarm).toBe(a.observed > a.upperBound!);
        }
      }),
    );
  });

  test("S-H-ESD: a tested point lies beyond its bound exactly when R_i > lambda_i; untested points have no bound", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 120 }),
        fc.constantFrom(null, 4, 12),
        fc.constantFrom("pos" as const, "neg" as const, "both" as const),
        (values, period, direction) => {
          const { assessments } = computeShesd(values, { period, direction });
          expect(assessments).toHaveLength(values.length);
          for (const a of assessments) {
            expect(a.expected + a.residual).toBeCloseTo(a.observed, 6);
            if (a.step === null) {
              expect([a.upperBound, a.lowerBound, a.critical, a.statistic, a.alarm]).toEqual([null, null, null, null, false]);
              continue;
            }
            expect(a.upperBound === null).toBe(direction === "neg");
            expect(a.lowerBound === null).toBe(direction === "pos");
            const beyond = (a.upperBound !== null && a.observed > a.upperBound) || (a.lowerBound !== null && a.observed < a.lowerBound);
            if (Math.abs(a.statistic! - a.critical!) > 1e-9) expect(beyond).toBe(a.statistic! > a.critical!);
            if (a.alarm) expect(a.significant).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("Farrington (nbPlugin): threshold >= expected for Poisson-like counts of mean >= 3", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 3, max: 50 }), (seed, level) => {
        const values = poissonSeries(seed, 3 * 52 + 10, () => level);
        for (const a of computeFarringtonFlexible(values, { frequency: 52, b: 2 })) {
          expect(a.upperBound!).toBeGreaterThanOrEqual(a.expected);
          expect(a.alarm).toBe(a.observed > a.upperBound! && a.observed > 0 && !a.limit54Suppressed);
        }
      }),
      { numRuns: 6 },
    );
  });
});
