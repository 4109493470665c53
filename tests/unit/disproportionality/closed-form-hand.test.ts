// Closed-form measures on tables worked out by hand (arithmetic in the comments), every edge case of
// analytics.md §3 (zero cells, a < 3, ad = bc, empty table), the Haldane option and table validation.
import { describe, expect, test } from "vitest";
import {
  computeMeasures,
  InvalidTableError,
  validateTable,
  type MeasureNullReason,
  type TwoByTwoTable,
} from "@/lib/analytics/disproportionality";

describe("hand-calculated tables", () => {
  test("a=10 b=20 c=30 d=400 (N = 460): every measure and all flags", () => {
    const m = computeMeasures({ a: 10, b: 20, c: 30, d: 400 });
    // E0 = (a+b)(a+c)/N = 30·40/460 = 1200/460 = 2.6086957
    expect(m.expected).toBeCloseTo(2.6086957, 6);
    // PRR = (10/30)/(30/430) = (10·430)/(30·30) = 4300/900 = 4.7777778
    // SE = √(1/10 − 1/30 + 1/30 − 1/430) = √(0.1 − 0.0023256) = √0.0976744 = 0.3125291
    // 1.96·SE = 0.6125570; exp(−0.6125570) = 0.5419633 → lower = 4.7777778·0.5419633 = 2.5893803
    // exp(+0.6125570) = 1.8451432 → upper = 4.7777778·1.8451432 = 8.8156849
    expect(m.prr?.value).toBeCloseTo(4.7777778, 6);
    expect(m.prr?.seLog).toBeCloseTo(0.3125291, 6);
    expect(m.prr?.lower95).toBeCloseTo(2.5893803, 6);
    expect(m.prr?.upper95).toBeCloseTo(8.8156849, 6);
    // ROR = ad/(bc) = 4000/600 = 6.6666667; SE = √(0.1 + 0.05 + 0.0333333 + 0.0025) = √0.1858333 = 0.4310839
    // 1.96·SE = 0.8449245 → lower = 6.6666667·e^−0.8449245 = 2.8639321, upper = 6.6666667·e^0.8449245 = 15.5186797
    expect(m.ror?.value).toBeCloseTo(6.6666667, 6);
    expect(m.ror?.lower95).toBeCloseTo(2.8639321, 6);
    expect(m.ror?.upper95).toBeCloseTo(15.5186797, 6);
    // ad − bc = 4000 − 600 = 3400; margins (a+b)(c+d)(a+c)(b+d) = 30·430·40·420 = 216,720,000
    // uncorrected = 460·3400²/216,720,000 = 460·11,560,000/216,720,000 = 5,317,600,000/216,720,000 = 24.5367294
    // Yates: |ad − bc| − N/2 = 3400 − 230 = 3170; 460·3170²/216,720,000 = 4,622,494,000/216,720,000 = 21.3293374
    expect(m.chiSquare?.uncorrected).toBeCloseTo(24.5367294, 6);
    expect(m.chiSquare?.yates).toBeCloseTo(21.3293374, 6);
    // IC = log2((10 + 0.5)/(2.6086957 + 0.5)) = log2(10.5/3.1086957) = log2(3.3776224) = 1.7560080
    expect(m.ic?.value).toBeCloseTo(1.756008, 6);
    expect(m.ic!.ic025).toBeLessThan(m.ic!.value);
    expect(m.ic!.ic025).toBeGreaterThan(0);
    // Evans: PRR 4.78 ≥ 2, Yates χ² 21.3 ≥ 4, a = 10 ≥ 3; ROR025 2.86 > 1; IC025 > 0.
    expect(m.flags).toEqual({ evans: { signal: true }, ror: { signal: true }, ic: { signal: true }, bcpnnGould: { signal: true } });
    expect(m.nullReasons).toEqual({});
    expect(m.total).toBe(460);
  });

  test("a=2 b=8 c=18 d=972: a strong ratio, but a < 3, so no flag", () => {
    const m = computeMeasures({ a: 2, b: 8, c: 18, d: 972 });
    // PRR = (2/10)/(18/990) = 0.2/0.0181818 = 11.0
    expect(m.prr?.value).toBeCloseTo(11, 10);
    // Yates: ad − bc = 1944 − 144 = 1800; 1800 − 500 = 1300; 1000·1300²/(10·990·20·980) = 1.69e9/194,040,000 = 8.7095444
    expect(m.chiSquare?.yates).toBeCloseTo(8.7095444, 6);
    const belowThree = { signal: false, reason: "a_below_3" };
    expect(m.flags).toEqual({ evans: belowThree, ror: belowThree, ic: belowThree, bcpnnGould: belowThree });
  });

  test("a=4 b=6 c=0 d=90: PRR and ROR infinite (null), the Evans rule still signals", () => {
    const m = computeMeasures({ a: 4, b: 6, c: 0, d: 90 });
    expect(m.prr).toBeNull();
    expect(m.ror).toBeNull();
    expect(m.nullReasons).toEqual({ prr: "c_is_zero", ror: "c_is_zero" });
    // ad − bc = 360; margins 10·90·4·96 = 345,600. Uncorrected = 100·360²/345,600 = 37.5;
    // Yates: 360 − 50 = 310 → 100·310²/345,600 = 9,610,000/345,600 = 27.8067130
    expect(m.chiSquare?.uncorrected).toBeCloseTo(37.5, 10);
    expect(m.chiSquare?.yates).toBeCloseTo(27.806713, 6);
    // PRR = +∞ ≥ 2, χ² 27.8 ≥ 4, a = 4 ≥ 3 → Evans signal; ROR has no finite lower bound → no ROR signal.
    expect(m.flags.evans).toEqual({ signal: true });
    expect(m.flags.ror).toEqual({ signal: false, reason: "ror_undefined" });
  });

  test("a=1 b=0 c=120 d=3235 (openEBGM's 1-PHENYLALANINE / HEART RATE INCREASED)", () => {
    const m = computeMeasures({ a: 1, b: 0, c: 120, d: 3235 });
    // PRR = (1/1)/(120/3355) = 27.9583333; openEBGM's processRaw prints 27.96 for this pair.
    expect(m.prr?.value).toBeCloseTo(27.9583333, 6);
    expect(m.ror).toBeNull();
    expect(m.nullReasons.ror).toBe("b_is_zero");
    // E0 = 1·121/3356 = 0.0360548 (openEBGM: 0.0360548272).
    expect(m.expected).toBeCloseTo(0.0360548272, 9);
  });

  test("ad = bc: PRR = ROR = 1, both χ² = 0, no signal", () => {
    for (const table of [
      { a: 5, b: 5, c: 5, d: 5 },
      { a: 50, b: 150, c: 100, d: 300 },
    ]) {
      const m = computeMeasures(table);
      expect(m.prr?.value).toBeCloseTo(1, 12);
      expect(m.ror?.value).toBeCloseTo(1, 12);
      expect(m.chiSquare).toEqual({ yates: 0, uncorrected: 0 });
      expect(m.flags.evans).toEqual({ signal: false, reason: "prr_below_2" });
      expect(m.flags.ror).toEqual({ signal: false, reason: "ror025_not_above_1" });
    }
  });

  test("Yates correction is capped at |ad − bc| (as R's chisq.test), never above the uncorrected value", () => {
    // a=1 b=1 c=1 d=2: |ad − bc| = 1 < N/2 = 2.5 → Yates statistic 0; the uncapped textbook formula would give
    // 5·(1 − 2.5)²/(2·3·2·3) = 11.25/36 = 0.3125, more than the uncorrected 5·1²/36 = 0.1389.
    const m = computeMeasures({ a: 1, b: 1, c: 1, d: 2 });
    expect(m.chiSquare?.yates).toBe(0);
    expect(m.chiSquare?.uncorrected).toBeCloseTo(5 / 36, 12);
  });
});

describe("null measures carry a machine-readable reason", () => {
  test.each<[string, TwoByTwoTable, Partial<Record<string, MeasureNullReason>>]>([
    ["empty table", { a: 0, b: 0, c: 0, d: 0 }, { expected: "empty_table", prr: "empty_table", chiSquare: "empty_table", ror: "empty_table", ic: "empty_table", bcpnnGould: "empty_table" }],
    ["a = 0", { a: 0, b: 10, c: 5, d: 100 }, { prr: "a_is_zero", ror: "a_is_zero" }],
    ["b = 0", { a: 3, b: 0, c: 5, d: 100 }, { ror: "b_is_zero" }],
    ["c = 0", { a: 3, b: 5, c: 0, d: 100 }, { prr: "c_is_zero", ror: "c_is_zero" }],
    ["d = 0", { a: 7, b: 3, c: 2, d: 0 }, { ror: "d_is_zero" }],
    ["drug never reported", { a: 0, b: 0, c: 5, d: 10 }, { prr: "drug_margin_zero", ror: "a_is_zero", chiSquare: "drug_margin_zero" }],
    ["every report has the drug", { a: 5, b: 5, c: 0, d: 0 }, { prr: "comparator_margin_zero", ror: "c_is_zero", chiSquare: "comparator_margin_zero" }],
    ["event never reported", { a: 0, b: 5, c: 0, d: 10 }, { prr: "a_is_zero", ror: "a_is_zero", chiSquare: "event_margin_zero" }],
    ["every report has the event", { a: 5, b: 0, c: 5, d: 0 }, { ror: "b_is_zero", chiSquare: "non_event_margin_zero" }],
  ])("%s", (_, table, reasons) => {
    const m = computeMeasures(table);
    expect(m.nullReasons).toEqual(reasons);
    for (const key of Object.keys(reasons)) expect(m[key as keyof typeof m]).toBeNull();
  });

  test("the IC and BCPNN exist for every non-empty table, including a = 0", () => {
    const m = computeMeasures({ a: 0, b: 10, c: 5, d: 100 });
    // E0 = 10·5/115 = 0.4347826; IC = log2(0.5/0.9347826) = −0.9027906
    expect(m.ic?.value).toBeCloseTo(Math.log2(0.5 / (50 / 115 + 0.5)), 12);
    expect(m.bcpnnGould).not.toBeNull();
    expect(m.flags.ic).toEqual({ signal: false, reason: "a_below_3" });
  });
});

describe("Haldane–Anscombe option", () => {
  test("adds ½ to every cell for PRR and ROR only, and says so", () => {
    const raw = computeMeasures({ a: 4, b: 6, c: 0, d: 90 });
    const corrected = computeMeasures({ a: 4, b: 6, c: 0, d: 90 }, { haldane: true });
    // PRR = (4.5/11)/(0.5/91) = 0.4090909/0.0054945 = 74.4545455; ROR = 4.5·90.5/(6.5·0.5) = 407.25/3.25 = 125.3076923
    expect(corrected.prr?.value).toBeCloseTo(74.4545455, 6);
    expect(corrected.ror?.value).toBeCloseTo(125.3076923, 6);
    expect(corrected.nullReasons).toEqual({});
    expect(corrected.chiSquare).toEqual(raw.chiSquare);
    expect(corrected.ic).toEqual(raw.ic);
    expect(corrected.table).toEqual({ a: 4, b: 6, c: 0, d: 90 });
    expect(corrected.method.haldane).toBe(true);
    expect(corrected.method.prr).toMatch(/Haldane/);
    expect(raw.method.haldane).toBe(false);
    expect(raw.method.prr).not.toMatch(/Haldane/);
  });
});

describe("validateTable", () => {
  test.each([
    ["negative cell", { a: 1, b: -1, c: 0, d: 0 }, "negative_cell", "b"],
    ["non-integer cell", { a: 1.5, b: 1, c: 0, d: 0 }, "non_integer_cell", "a"],
    ["NaN", { a: 1, b: 1, c: Number.NaN, d: 0 }, "not_a_number", "c"],
    ["Infinity", { a: 1, b: 1, c: 1, d: Number.POSITIVE_INFINITY }, "not_a_number", "d"],
    ["string", { a: "3", b: 1, c: 1, d: 1 }, "not_a_number", "a"],
    ["missing cell", { a: 1, b: 1, c: 1 }, "missing_cell", "d"],
  ])("%s is rejected with a clear error", (_, input, code, cell) => {
    const result = validateTable(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.cell).toBe(cell);
    expect(result.error.message).toContain(`Cell ${cell}`);
  });

  test("non-objects and unsafe totals are rejected", () => {
    expect(validateTable(null)).toMatchObject({ ok: false, error: { code: "not_an_object" } });
    expect(validateTable([1, 2, 3, 4])).toMatchObject({ ok: false, error: { code: "missing_cell" } });
    expect(validateTable({ a: Number.MAX_SAFE_INTEGER, b: 1, c: 0, d: 0 })).toMatchObject({ ok: false, error: { code: "unsafe_integer" } });
  });

  test("a valid table comes back as a clean copy; computeMeasures throws InvalidTableError otherwise", () => {
    expect(validateTable({ a: 1, b: 2, c: 3, d: 4, extra: "x" })).toEqual({ ok: true, table: { a: 1, b: 2, c: 3, d: 4 } });
    expect(() => computeMeasures({ a: -1, b: 0, c: 0, d: 0 })).toThrow(InvalidTableError);
    try {
      computeMeasures({ a: 1, b: 0.5, c: 0, d: 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTableError);
      expect((error as InvalidTableError).code).toBe("non_integer_cell");
      expect((error as InvalidTableError).cell).toBe("b");
    }
  });
});
