// Gamma CDF/quantile wrappers vs R's pgamma/qgamma (tests/fixtures/disproportionality/
// gamma-distribution-reference.R), including the large-shape region where @stdlib 0.3.x is wrong.
import stdlibGammaCdf from "@stdlib/stats-base-dists-gamma-cdf";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeGammaCdf, computeGammaMixtureQuantile, computeGammaQuantile } from "@/lib/analytics/disproportionality";
import reference from "@/tests/fixtures/disproportionality/gamma-distribution-reference.json";

describe("gamma distribution vs R", () => {
  test("the CDF matches pgamma to 1e-12 absolute at every reference point", () => {
    let worst = 0;
    for (const { x, shape, rate, cdf } of reference.cdf) {
      worst = Math.max(worst, Math.abs(computeGammaCdf(x, shape, rate) - cdf));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  test("the quantile matches qgamma to 1e-10 relative", () => {
    for (const { p, shape, rate, quantile } of reference.quantile) {
      expect(Math.abs(computeGammaQuantile(p, shape, rate) - quantile)).toBeLessThan(1e-10 * quantile);
    }
  });

  test("regression: @stdlib's own CDF is off by > 1e-3 for shape 1500.5 (why the wrapper exists)", () => {
    const point = reference.cdf.find((r) => r.shape === 1500.5 && r.rate === 1 && Math.abs(r.x - 1500.5) < 1e-9);
    expect(point).toBeDefined();
    const stdlibError = Math.abs(stdlibGammaCdf(point!.x, point!.shape, point!.rate) - point!.cdf);
    expect(stdlibError).toBeGreaterThan(1e-3);
    expect(Math.abs(computeGammaCdf(point!.x, point!.shape, point!.rate) - point!.cdf)).toBeLessThan(1e-12);
  });

  test("mixture quantile: weight 1 or 0 is the single-component quantile; a true mixture solves F(x) = p", () => {
    const first = { shape: 3.5, rate: 0.9 };
    const second = { shape: 40, rate: 2 };
    for (const p of [0.05, 0.5, 0.95]) {
      expect(computeGammaMixtureQuantile(p, 1, first, second)).toBeCloseTo(computeGammaQuantile(p, 3.5, 0.9), 10);
      expect(computeGammaMixtureQuantile(p, 0, first, second)).toBeCloseTo(computeGammaQuantile(p, 40, 2), 9);
      for (const w of [1e-9, 0.2, 0.5, 0.97]) {
        const x = computeGammaMixtureQuantile(p, w, first, second);
        const cdf = w * computeGammaCdf(x, 3.5, 0.9) + (1 - w) * computeGammaCdf(x, 40, 2);
        expect(Math.abs(cdf - p)).toBeLessThan(1e-12);
      }
    }
  });

  test("mixture quantile, any components: F(x·(1−1e-9)) ≤ p ≤ F(x·(1+1e-9))", () => {
    // Shapes ≥ 0.05: below that the 5% quantile can underflow double precision (see the next test).
    const shape = fc.oneof(fc.double({ min: 0.05, max: 5, noNaN: true }), fc.double({ min: 1, max: 3000, noNaN: true }));
    const rate = fc.double({ min: 1e-3, max: 50, noNaN: true });
    fc.assert(
      fc.property(shape, rate, shape, rate, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.05, 0.5, 0.95), (s1, r1, s2, r2, w, p) => {
        const x = computeGammaMixtureQuantile(p, w, { shape: s1, rate: r1 }, { shape: s2, rate: r2 });
        const F = (v: number) => w * computeGammaCdf(v, s1, r1) + (1 - w) * computeGammaCdf(v, s2, r2);
        expect(x).toBeGreaterThan(0);
        expect(F(x * (1 - 1e-9))).toBeLessThanOrEqual(p + 1e-14);
        expect(F(x * (1 + 1e-9))).toBeGreaterThanOrEqual(p - 1e-14);
      }),
      { numRuns: 3000 },
    );
  });

  test("mixture quantile: a quantile below the smallest double comes back as 0, not NaN", () => {
    // Gamma(1e-5, 0.001): P(X ≤ x) ≈ (0.001·x)^(1e-5), so the 5% quantile is ~1000·0.05^100000 ≈ 0.
    expect(computeGammaMixtureQuantile(0.05, 0.5, { shape: 1e-5, rate: 0.001 }, { shape: 1e-5, rate: 0.001 })).toBe(0);
  });

  test("mixture quantile: well-separated components (a bracket-less start far from both)", () => {
    // Regression: the start lies between the components where the density underflows; an unbounded
    // Newton step used to run to x = 0.
    const x = computeGammaMixtureQuantile(0.05, 0.5, { shape: 525.05, rate: 2.266939087493688 }, { shape: 533, rate: 11.246939087493688 });
    const F = (v: number) => 0.5 * computeGammaCdf(v, 525.05, 2.266939087493688) + 0.5 * computeGammaCdf(v, 533, 11.246939087493688);
    expect(Math.abs(F(x) - 0.05)).toBeLessThan(1e-12);
    expect(x).toBeGreaterThan(40);
    expect(x).toBeLessThan(50);
  });
});
