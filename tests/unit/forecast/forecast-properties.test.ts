// Properties of forecastSeries on random valid input (fast-check).
//
// "Intervals widen with the horizon" is checked on the scale the model works on, because on the data
// scale it is false for good reasons: a seasonal forecast's interval is narrower in the low season when
// errors are multiplicative, and a bound raised to 0 shrinks the interval. So, for steps where no bound
// was floored: additive errors (analytic) → upper − lower is non-decreasing; multiplicative errors
// (simulated) → (upper − lower)/mean is; log1p fits → log1p(upper) − log1p(lower) is.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { forecastSeries, type ForecastInput, type ForecastResult } from "@/lib/analytics/forecast";

const levels = fc.array(fc.constantFrom(50, 80, 90, 95, 99), { minLength: 1, maxLength: 5 }).map((l) => [...new Set(l)]);

const frequencies = fc.constantFrom(1 as const, 4 as const, 12 as const, 52 as const);
const length = fc.integer({ min: 1, max: 200 });
const smallCounts = length.chain((n) => fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n, maxLength: n }));
const counts = length.chain((n) => fc.array(fc.integer({ min: 0, max: 300 }), { minLength: n, maxLength: n }));
const realValues = length.chain((n) => fc.array(fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }));
/** Positive counts with a cycle of the series' own period, a trend and deterministic wiggle. */
const seasonalCounts = (period: number) =>
  fc
    .record({ n: length, base: fc.integer({ min: 20, max: 2000 }), amplitude: fc.double({ min: 0, max: 0.6, noNaN: true }), trend: fc.double({ min: -1, max: 3, noNaN: true }), noise: fc.double({ min: 0, max: 0.3, noNaN: true }), phase: fc.integer({ min: 0, max: 100 }) })
    .map(({ n, base, amplitude, trend, noise, phase }) =>
      Array.from({ length: n }, (_, t) => {
        const cycle = 1 + amplitude * Math.sin((2 * Math.PI * t) / Math.max(period, 2));
        return Math.max(0, Math.round((base + trend * t) * cycle * (1 + noise * Math.sin(phase + t * 2.3))));
      }),
    );

const inputs: fc.Arbitrary<ForecastInput> = frequencies.chain((frequency) =>
  fc.record({
    values: fc.oneof(smallCounts, counts, realValues, seasonalCounts(frequency), seasonalCounts(frequency)),
    frequency: fc.constant(frequency),
    horizon: fc.integer({ min: 1, max: 60 }),
    levels,
    seed: fc.integer({ min: 0, max: 1000 }),
  }),
);

// fast-check leans towards small and edge-case values (short, constant, all-zero series); these known
// inputs make sure every path also runs: simulated intervals, seasonal ETS, log1p, weekly adjustment.
const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/forecast/ets-reference.json"), "utf8")) as {
  series: Record<string, { values: number[]; frequency: 1 | 4 | 12 }>;
};
const weeklyCycle = Array.from({ length: 208 }, (_, t) => Math.round(40 + 25 * Math.cos((2 * Math.PI * t) / 52) + 6 * Math.sin(t * 1.7)));
const EXAMPLES: [ForecastInput][] = [
  ...Object.values(fixture.series).map((s): [ForecastInput] => [{ values: s.values, frequency: s.frequency, horizon: 36, levels: [80, 95], seed: 3 }]),
  [{ values: weeklyCycle, frequency: 52, horizon: 60, levels: [50, 99], seed: 1 }],
];

const RUNS = { numRuns: 80, seed: 20_240_611, examples: EXAMPLES };

function spread(result: ForecastResult, level: string, h: number): number | null {
  const p = result.forecast[h]!;
  const lower = p.lower[level]!;
  const upper = p.upper[level]!;
  if (lower <= 0) return null; // floored (or touching 0): not comparable
  if (result.transform === "log1p") return Math.log1p(upper) - Math.log1p(lower);
  if (result.intervalMethod === "simulation") return (upper - lower) / p.mean;
  return upper - lower;
}

describe("forecastSeries properties", () => {
  test("never throws on valid input, and every step is well formed", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = forecastSeries(input);
        expect(result.forecast).toHaveLength(input.horizon);
        expect(result.notes.length).toBeGreaterThanOrEqual(0);
        const keys = [...input.levels!].sort((a, b) => a - b).map(String);
        for (const p of result.forecast) {
          expect(Number.isFinite(p.mean)).toBe(true);
          keys.forEach((key, i) => {
            const lower = p.lower[key]!;
            const upper = p.upper[key]!;
            expect(Number.isFinite(lower) && Number.isFinite(upper)).toBe(true);
            // lower ≥ 0 (floored), lower ≤ mean ≤ upper
            expect(lower).toBeGreaterThanOrEqual(0);
            expect(lower).toBeLessThanOrEqual(p.mean * (1 + 1e-12) + 1e-12);
            expect(upper).toBeGreaterThanOrEqual(p.mean * (1 - 1e-12) - 1e-12);
            // wider with the level: each interval contains the narrower ones
            if (i > 0) {
              const narrower = keys[i - 1]!;
              expect(lower).toBeLessThanOrEqual(p.lower[narrower]! + 1e-9);
              expect(upper).toBeGreaterThanOrEqual(p.upper[narrower]! - 1e-9);
            }
          });
        }
      }),
      RUNS,
    );
  });

  test("intervals widen with the horizon on the model's scale", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = forecastSeries(input);
        for (const level of Object.keys(result.forecast[0]!.lower)) {
          for (let h = 1; h < input.horizon; h++) {
            const before = spread(result, level, h - 1);
            const after = spread(result, level, h);
            if (before === null || after === null) continue;
            expect(after).toBeGreaterThanOrEqual(before * (1 - 1e-9) - 1e-9);
          }
        }
      }),
      RUNS,
    );
  });

  test("is deterministic for a fixed seed", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(forecastSeries(input)).toEqual(forecastSeries(input));
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  test("reports what it did: a transform, a method and at least one note for every fallback", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = forecastSeries(input);
        expect(["none", "log1p"]).toContain(result.transform);
        if (result.method === "naive") expect(result.notes.length).toBeGreaterThan(0);
        if (result.transform === "log1p") expect(result.notes.join(" ")).toMatch(/log\(1 \+ y\)/);
        if (result.seasonalAdjustment) expect(result.notes.join(" ")).toMatch(/52-week season/);
        if (result.intervalMethod === "simulation") expect(result.notes.join(" ")).toMatch(/simulated/);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
