// Gamma CDF/quantile wrappers vs R's pgamma/qgamma (tests/fixtures/disproportionality/
// gamma-distribution-reference.R), including the large-shape region where @stdlib 0.3.x is wrong.
import stdlibGammaCdf from "@stdlib/stats-base-dists-gamma-cdf";
import { describe, expect, test } from "vitest";
import { computeGammaMixtureQuantile } from "@/lib/analytics/disproportionality";
import {
  computeGammaCdf,
  computeGammaQuantile,
} from "@/lib/analytics/disproportionality/gamma-distribution";
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
});
