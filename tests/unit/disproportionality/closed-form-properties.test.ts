// Property tests (fast-check) of the closed-form measures over arbitrary non-negative integer tables.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeMeasures, validateTable, type TwoByTwoTable } from "@/lib/analytics/disproportionality";

const cell = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 5_000_000 }));
const anyTable = fc.record({ a: cell, b: cell, c: cell, d: cell });
const positiveCell = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 100_000 }));
const positiveTable = fc.record({ a: positiveCell, b: positiveCell, c: positiveCell, d: positiveCell });

/** Every number anywhere in the output. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

const relClose = (x: number, y: number, rel = 1e-12) => Math.abs(x - y) <= rel * Math.max(1, Math.abs(y));
const scale = (t: TwoByTwoTable, k: number): TwoByTwoTable => ({ a: k * t.a, b: k * t.b, c: k * t.c, d: k * t.d });

describe("closed-form measures: properties", () => {
  test("every number is finite, and every null measure has a reason (and only those)", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const m = computeMeasures(table);
        expect(numbersIn(m).every(Number.isFinite)).toBe(true);
        for (const key of ["prr", "chiSquare", "ror", "ic", "bcpnnGould", "expected"] as const) {
          expect(m[key] === null).toBe(m.nullReasons[key] !== undefined);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("ROR and its CI are invariant to swapping drug and event (b ↔ c); so is χ²", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const m = computeMeasures(table);
        const t = computeMeasures({ a: table.a, b: table.c, c: table.b, d: table.d });
        if (m.ror === null || t.ror === null) {
          expect(m.ror).toBeNull();
          expect(t.ror).toBeNull();
          const swap: Record<string, string> = { b_is_zero: "c_is_zero", c_is_zero: "b_is_zero" };
          const reason = m.nullReasons.ror ?? "";
          // b = c = 0 reports b_is_zero both ways (b is checked first).
          expect(t.nullReasons.ror).toBe(table.b === 0 && table.c === 0 ? reason : (swap[reason] ?? reason));
        } else {
          expect(relClose(t.ror.value, m.ror.value)).toBe(true);
          expect(relClose(t.ror.lower95, m.ror.lower95)).toBe(true);
          expect(relClose(t.ror.upper95, m.ror.upper95)).toBe(true);
        }
        if (m.chiSquare && t.chiSquare) {
          expect(relClose(t.chiSquare.yates, m.chiSquare.yates, 1e-9)).toBe(true);
          expect(relClose(t.chiSquare.uncorrected, m.chiSquare.uncorrected, 1e-9)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("IC025 < IC < IC975, and the same order for the Gould BCPNN", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const m = computeMeasures(table);
        if (m.ic === null || m.bcpnnGould === null) return;
        expect(m.ic.ic025).toBeLessThan(m.ic.value);
        expect(m.ic.value).toBeLessThan(m.ic.ic975);
        expect(m.bcpnnGould.ic025).toBeLessThan(m.bcpnnGould.value);
        expect(m.bcpnnGould.value).toBeLessThan(m.bcpnnGould.ic975);
      }),
      { numRuns: 2000 },
    );
  });

  test("the PRR and ROR intervals contain the estimate; Yates χ² ≤ uncorrected χ²", () => {
    fc.assert(
      fc.property(anyTable, fc.boolean(), (table, haldane) => {
        const m = computeMeasures(table, { haldane });
        for (const ratio of [m.prr, m.ror]) {
          if (ratio === null) continue;
          expect(ratio.lower95).toBeLessThanOrEqual(ratio.value * (1 + 1e-12));
          expect(ratio.value).toBeLessThanOrEqual(ratio.upper95 * (1 + 1e-12));
          expect(ratio.lower95).toBeGreaterThan(0);
        }
        if (m.chiSquare) expect(m.chiSquare.yates).toBeLessThanOrEqual(m.chiSquare.uncorrected);
      }),
      { numRuns: 2000 },
    );
  });

  test("with the ratios fixed, intervals widen as the counts shrink (table vs the table × k)", () => {
    fc.assert(
      fc.property(positiveTable, fc.integer({ min: 2, max: 50 }), (table, k) => {
        const small = computeMeasures(table);
        const large = computeMeasures(scale(table, k));
        const logWidth = (r: { lower95: number; upper95: number } | null) => Math.log(r!.upper95) - Math.log(r!.lower95);
        // Same point estimates…
        expect(relClose(large.prr!.value, small.prr!.value, 1e-9)).toBe(true);
        expect(relClose(large.ror!.value, small.ror!.value, 1e-9)).toBe(true);
        // …and the log-scale widths shrink by exactly √k (SE ∝ 1/√k).
        expect(relClose(logWidth(large.prr) * Math.sqrt(k), logWidth(small.prr), 1e-9)).toBe(true);
        expect(relClose(logWidth(large.ror) * Math.sqrt(k), logWidth(small.ror), 1e-9)).toBe(true);
        expect(logWidth(small.prr)).toBeGreaterThan(logWidth(large.prr));
        expect(large.ic!.ic975 - large.ic!.ic025).toBeLessThan(small.ic!.ic975 - small.ic!.ic025);
        expect(large.bcpnnGould!.sd).toBeLessThan(small.bcpnnGould!.sd);
      }),
      { numRuns: 1000 },
    );
  });

  test("flags: a < 3 never signals; a signal always meets its rule", () => {
    fc.assert(
      fc.property(anyTable, (table) => {
        const m = computeMeasures(table);
        const { evans, ror, ic } = m.flags;
        if (table.a < 3) {
          for (const flag of Object.values(m.flags)) expect(flag).toEqual({ signal: false, reason: "a_below_3" });
          return;
        }
        if (evans.signal) {
          expect(m.chiSquare!.yates).toBeGreaterThanOrEqual(4);
          if (m.prr) expect(m.prr.value).toBeGreaterThanOrEqual(2);
          else expect(m.nullReasons.prr).toBe("c_is_zero");
        }
        if (ror.signal) expect(m.ror!.lower95).toBeGreaterThan(1);
        if (ic.signal) expect(m.ic!.ic025).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  test("validateTable accepts exactly the non-negative safe-integer tables", () => {
    fc.assert(
      fc.property(fc.record({ a: fc.double(), b: fc.integer(), c: fc.nat(), d: fc.nat() }), (input) => {
        const result = validateTable(input);
        const valid = Number.isInteger(input.a) && input.a >= 0 && input.b >= 0 && Number.isSafeInteger(input.a + input.b + input.c + input.d);
        expect(result.ok).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
