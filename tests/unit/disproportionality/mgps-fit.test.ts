import { describe, expect, test } from "vitest";
import {
  buildContingencySet,
  computeMgpsNegLogLikelihood,
  DEFAULT_MGPS_BOUNDS,
  fitMgpsPrior,
  prepareMgpsLikelihoodData,
  runMgps,
  type MgpsHyperparameters,
} from "@/lib/analytics/disproportionality";
import { readCaersRows } from "./support/read-caers";
import { simulateMgpsCells } from "./support/simulate-mgps";

const TRUTH: MgpsHyperparameters = { alpha1: 2, beta1: 0.25, alpha2: 3, beta2: 3, p: 0.1 };

describe("fitMgpsPrior on simulated cells", () => {
  // 6,000 draws, of which ~2,800 have N ≥ 1: exact fit, no squashing.
  const cells = simulateMgpsCells(TRUTH, 6000, 7);

  test("the fitted likelihood is at least that of the true θ, and the prior mean of λ is recovered", () => {
    const fit = fitMgpsPrior(cells);
    const truthNegLL = computeMgpsNegLogLikelihood(TRUTH, prepareMgpsLikelihoodData(cells));
    expect(fit.converged).toBe(true);
    expect(fit.squashing).toBeNull();
    // The maximum can only be at least as good as the truth. The individual parameters are weakly
    // identified: the same design simulated and fitted in R (rgamma/rpois/nlminb,
    // tests/fixtures/disproportionality/simulated-fit-gap.R) gives maxima 6–14 log-likelihood units above
    // the truth, so they are not compared one by one.
    expect(fit.negLogLikelihood).toBeLessThanOrEqual(truthNegLL + 1e-9);
    const { alpha1, beta1, alpha2, beta2, p } = fit.hyperparameters;
    expect(p).toBeLessThanOrEqual(0.5);
    // Prior mean of λ, P·α₁/β₁ + (1−P)·α₂/β₂ = 0.1·8 + 0.9·1 = 1.7, within 10%.
    expect(Math.abs(p * (alpha1 / beta1) + (1 - p) * (alpha2 / beta2) - 1.7)).toBeLessThan(0.17);
    expect(fit.cells).toBe(cells.length);
    expect(fit.starts).toHaveLength(5);
  });

  test("a box that excludes the optimum is reported as atBound", () => {
    const fit = fitMgpsPrior(cells, { bounds: { ...DEFAULT_MGPS_BOUNDS, shapeRateMax: 1.5 } });
    expect(fit.atBound).toBe(true);
    const { alpha1, beta1, alpha2, beta2 } = fit.hyperparameters;
    expect(Math.max(alpha1, beta1, alpha2, beta2)).toBeLessThanOrEqual(1.5 * (1 + 1e-9));
  });

  test("invalid input is rejected", () => {
    expect(() => fitMgpsPrior([])).toThrow(RangeError);
    expect(() => fitMgpsPrior([{ n: 0, e: 1 }])).toThrow(RangeError);
  });
});

describe("squashing", () => {
  test("on CAERS, a squashed fit lands on the exact fit's maximum (exact negLL within 0.002)", () => {
    const set = buildContingencySet(readCaersRows());
    const points = set.pairs.map((p) => ({ n: p.table.a, e: p.expected }));
    const exact = fitMgpsPrior(points, { squashing: "off" });
    const squashed = fitMgpsPrior(points, { squashing: { logEBinWidth: 0.05 } });
    expect(exact.squashing).toBeNull();
    expect(squashed.squashing).toMatchObject({ logEBinWidth: 0.05, searchLogEBinWidth: 0.2 });
    expect(squashed.squashing!.points).toBeLessThan(exact.distinctPoints);
    // negLogLikelihood is always re-evaluated on the exact cells.
    expect(squashed.negLogLikelihood).toBeGreaterThanOrEqual(exact.negLogLikelihood - 1e-9);
    expect(squashed.negLogLikelihood - exact.negLogLikelihood).toBeLessThan(0.002);
    expect(Math.abs(squashed.hyperparameters.p - exact.hyperparameters.p) / exact.hyperparameters.p).toBeLessThan(0.01);
  });
});

describe("runMgps", () => {
  test("fits and scores every pair of a contingency set", () => {
    const set = buildContingencySet(
      simulateMgpsCells(TRUTH, 3000, 11).flatMap((cell, i) =>
        Array.from({ length: cell.n }, (_, k) => ({ id: `${i}-${k}`, drug: `D${i % 40}`, event: `E${i % 37}` })),
      ),
    );
    const { fit, scores } = runMgps(set);
    expect(scores).toHaveLength(set.pairs.length);
    scores.forEach((score, i) => {
      expect(score.n).toBe(set.pairs[i]!.table.a);
      expect(score.eb05).toBeLessThan(score.ebgm);
      expect(score.ebgm).toBeLessThan(score.eb95);
      expect(score.qn).toBeGreaterThanOrEqual(0);
      expect(score.qn).toBeLessThanOrEqual(1);
    });
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });
});
