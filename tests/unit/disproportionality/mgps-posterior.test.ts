// MGPS posterior (Qn, EBGM, EB05, EB95) and likelihood at fixed hyperparameters vs base R
// (tests/fixtures/disproportionality/ebgm-posterior-reference.R: dnbinom, digamma, uniroot on pgamma,
// openEBGM's negLL/negLLsquash written out).
import { describe, expect, test } from "vitest";
import {
  computeMgpsNegLogLikelihood,
  computeMgpsPosterior,
  logNegativeBinomialPmf,
  prepareMgpsLikelihoodData,
  squashMgpsPoints,
  type MgpsHyperparameters,
} from "@/lib/analytics/disproportionality";
import reference from "@/tests/fixtures/disproportionality/ebgm-posterior-reference.json";

interface ReferenceCell {
  n: number;
  e: number;
  qn: number;
  ebgm: number;
  eb05: number;
  eb95: number;
  logNb1: number;
  logNb2: number;
}
interface ReferenceTheta {
  theta: MgpsHyperparameters;
  negLL: number;
  negLLWeighted: number;
  cells: ReferenceCell[];
}

const thetas = Object.entries(reference.thetas as Record<string, ReferenceTheta>);
const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);

describe("MGPS posterior vs R", () => {
  test.each(thetas)("θ = %s: Qn, EBGM, EB05, EB95 and the NB log-pmf of every cell", (_, ref) => {
    for (const cell of ref.cells) {
      const post = computeMgpsPosterior(cell.n, cell.e, ref.theta);
      expect(Math.abs(post.qn - cell.qn)).toBeLessThan(1e-11);
      expect(rel(post.ebgm, cell.ebgm)).toBeLessThan(1e-11);
      expect(rel(post.eb05, cell.eb05)).toBeLessThan(1e-9);
      expect(rel(post.eb95, cell.eb95)).toBeLessThan(1e-9);
      expect(logNegativeBinomialPmf(cell.n, ref.theta.alpha1, ref.theta.beta1, cell.e)).toBeCloseTo(cell.logNb1, 10);
      expect(logNegativeBinomialPmf(cell.n, ref.theta.alpha2, ref.theta.beta2, cell.e)).toBeCloseTo(cell.logNb2, 10);
      expect(post.eb05).toBeLessThan(post.ebgm);
      expect(post.ebgm).toBeLessThan(post.eb95);
    }
  });

  test.each(thetas)("θ = %s: negLL and weighted negLL (openEBGM negLL / negLLsquash, N* = 1)", (_, ref) => {
    const observed = ref.cells.filter((c) => c.n >= 1);
    const weights = reference.likelihoodWeights;
    const plain = prepareMgpsLikelihoodData(observed.map((c) => ({ n: c.n, e: c.e })));
    const weighted = prepareMgpsLikelihoodData(observed.map((c, i) => ({ n: c.n, e: c.e, weight: weights[i] ?? 1 })));
    expect(rel(computeMgpsNegLogLikelihood(ref.theta, plain), ref.negLL)).toBeLessThan(1e-12);
    expect(rel(computeMgpsNegLogLikelihood(ref.theta, weighted), ref.negLLWeighted)).toBeLessThan(1e-12);
  });

  test("rejects what the model does not define", () => {
    const theta = reference.thetas.dumouchel.theta;
    expect(() => computeMgpsPosterior(-1, 1, theta)).toThrow(RangeError);
    expect(() => computeMgpsPosterior(1.5, 1, theta)).toThrow(RangeError);
    expect(() => computeMgpsPosterior(1, 0, theta)).toThrow(RangeError);
    expect(() => prepareMgpsLikelihoodData([{ n: 0, e: 1 }])).toThrow(/N must be an integer ≥ 1/);
    expect(() => prepareMgpsLikelihoodData([{ n: 1, e: -1 }])).toThrow(/E must be finite/);
    expect(computeMgpsNegLogLikelihood({ ...theta, p: 1 }, prepareMgpsLikelihoodData([{ n: 1, e: 1 }]))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("likelihood data preparation and squashing", () => {
  test("identical (N, E) cells merge into one weighted point without changing the likelihood", () => {
    const theta = reference.thetas.caersPublished.theta;
    const cells = [
      { n: 1, e: 0.2 },
      { n: 1, e: 0.2 },
      { n: 3, e: 0.2 },
      { n: 1, e: 0.5 },
      { n: 1, e: 0.2 },
    ];
    const data = prepareMgpsLikelihoodData(cells);
    expect(Array.from(data.weight)).toEqual([3, 1, 1]);
    expect(data.totalWeight).toBe(5);
    const separately = cells.reduce((sum, c) => sum + computeMgpsNegLogLikelihood(theta, prepareMgpsLikelihoodData([c])), 0);
    expect(computeMgpsNegLogLikelihood(theta, data)).toBeCloseTo(separately, 10);
  });

  test("squashing merges same-N cells within one ln-E bin, keeps weights and the weighted mean E", () => {
    const squashed = squashMgpsPoints(
      [
        { n: 1, e: 1.0 },
        { n: 1, e: 1.01 },
        { n: 1, e: 2 },
        { n: 2, e: 1.0 },
        { n: 1, e: 1.02, weight: 2 },
      ],
      { logEBinWidth: 0.05 },
    );
    // ln 1 = 0, ln 1.01 = 0.00995, ln 1.02 = 0.0198 share bin 0; ln 2 = 0.693 is bin 13; N = 2 is apart.
    expect(squashed).toEqual([
      { n: 1, e: (1 + 1.01 + 2 * 1.02) / 4, weight: 4 },
      { n: 1, e: 2, weight: 1 },
      { n: 2, e: 1, weight: 1 },
    ]);
    expect(() => squashMgpsPoints([], { logEBinWidth: 0 })).toThrow(RangeError);
  });
});
