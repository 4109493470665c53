// computeMeasures against numbers computed independently in base R (chisq.test for χ², qgamma for the
// exact IC bounds, digamma/trigamma for the Gould BCPNN): tests/fixtures/disproportionality/
// closed-form-reference.R wrote closed-form-reference.json. R is not needed to run this test.
import { describe, expect, test } from "vitest";
import { computeMeasures } from "@/lib/analytics/disproportionality";
import reference from "@/tests/fixtures/disproportionality/closed-form-reference.json";

interface ReferenceCase {
  table: { a: number; b: number; c: number; d: number };
  expected: number;
  prr: number | null;
  prrLower95: number | null;
  prrUpper95: number | null;
  ror: number | null;
  rorLower95: number | null;
  rorUpper95: number | null;
  chiSquareYates: number | null;
  chiSquareUncorrected: number | null;
  ic: number;
  ic025: number;
  ic975: number;
  bcpnnMean: number;
  bcpnnSd: number;
  bcpnnIc025: number;
  bcpnnIc975: number;
}

const cases = reference.cases as ReferenceCase[];
const label = (c: ReferenceCase) => `a=${c.table.a} b=${c.table.b} c=${c.table.c} d=${c.table.d}`;

/** |actual − expected| ≤ rel·max(1, |expected|): relative for large values, absolute near 0. */
function expectClose(actual: number | null | undefined, expected: number | null, rel = 1e-10) {
  if (expected === null) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe("closed-form measures vs base R (closed-form-reference.json)", () => {
  test("the fixture covers zero cells, ad = bc and large tables", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.some((c) => c.prr === null)).toBe(true);
    expect(cases.some((c) => c.ror === null)).toBe(true);
    expect(cases.some((c) => c.chiSquareUncorrected === 0)).toBe(true);
  });

  test.each(cases.map((c) => [label(c), c] as const))("%s", (_, c) => {
    const m = computeMeasures(c.table);
    expectClose(m.expected, c.expected);
    expectClose(m.prr?.value, c.prr);
    expectClose(m.prr?.lower95, c.prrLower95);
    expectClose(m.prr?.upper95, c.prrUpper95);
    expectClose(m.ror?.value, c.ror);
    expectClose(m.ror?.lower95, c.rorLower95);
    expectClose(m.ror?.upper95, c.rorUpper95);
    expectClose(m.chiSquare?.yates, c.chiSquareYates, 1e-9);
    expectClose(m.chiSquare?.uncorrected, c.chiSquareUncorrected, 1e-9);
    expectClose(m.ic?.value, c.ic);
    // @stdlib's gamma quantile vs R's qgamma: both iterate to ~1e-12 relative; allow 1e-9 on log2.
    expectClose(m.ic?.ic025, c.ic025, 1e-9);
    expectClose(m.ic?.ic975, c.ic975, 1e-9);
    // Our trigamma (recurrence + asymptotic series) and @stdlib's digamma vs R's.
    expectClose(m.bcpnnGould?.value, c.bcpnnMean, 1e-9);
    expectClose(m.bcpnnGould?.sd, c.bcpnnSd, 1e-9);
    expectClose(m.bcpnnGould?.ic025, c.bcpnnIc025, 1e-9);
    expectClose(m.bcpnnGould?.ic975, c.bcpnnIc975, 1e-9);
  });
});
