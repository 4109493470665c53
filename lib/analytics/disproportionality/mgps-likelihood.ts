import gammaln from "@stdlib/math-base-special-gammaln";
import type { MgpsHyperparameters, MgpsPoint } from "./mgps-types";

/**
 * Cells prepared for repeated likelihood evaluation: cells with the same (N, E) are merged into one
 * weighted point (exact, no squashing), and the N-only terms are precomputed.
 */
export interface MgpsLikelihoodData {
  readonly n: Float64Array;
  readonly e: Float64Array;
  readonly logE: Float64Array;
  readonly weight: Float64Array;
  /** Index of each point's N in `distinctN`. */
  readonly nIndex: Int32Array;
  readonly distinctN: Float64Array;
  /** lnΓ(N+1) for each distinct N. */
  readonly logFactorial: Float64Array;
  /** Σ weights (the number of cells when no point was given a weight). */
  readonly totalWeight: number;
}

/**
 * Validates and packs cells for {@link computeMgpsNegLogLikelihood}. Every cell must have an integer
 * N ≥ 1 (the likelihood is zero-truncated, N* = 1), a finite E > 0 and a finite weight > 0.
 * @throws RangeError naming the first offending cell.
 */
export function prepareMgpsLikelihoodData(points: readonly MgpsPoint[]): MgpsLikelihoodData {
  points.forEach((point, index) => {
    const weight = point.weight ?? 1;
    if (!Number.isInteger(point.n) || point.n < 1) throw new RangeError(`MGPS cell ${index}: N must be an integer ≥ 1 (got ${point.n}).`);
    if (!(point.e > 0) || !Number.isFinite(point.e)) throw new RangeError(`MGPS cell ${index}: E must be finite and > 0 (got ${point.e}).`);
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`MGPS cell ${index}: weight must be finite and > 0 (got ${weight}).`);
  });
  // Group by N, sort each group by E and merge runs of identical E into one weighted point.
  const groups = new Map<number, { e: number[]; w: number[]; weighted: boolean }>();
  for (const point of points) {
    let group = groups.get(point.n);
    if (!group) {
      group = { e: [], w: [], weighted: false };
      groups.set(point.n, group);
    }
    group.e.push(point.e);
    group.w.push(point.weight ?? 1);
    if (point.weight !== undefined && point.weight !== 1) group.weighted = true;
  }
  const ns: number[] = [];
  const es: number[] = [];
  const ws: number[] = [];
  for (const n of [...groups.keys()].sort((x, y) => x - y)) {
    const group = groups.get(n)!;
    let sortedE: Float64Array;
    let sortedW: Float64Array;
    if (group.weighted) {
      const order = group.e.map((_, i) => i).sort((i, j) => group.e[i]! - group.e[j]!);
      sortedE = Float64Array.from(order, (i) => group.e[i]!);
      sortedW = Float64Array.from(order, (i) => group.w[i]!);
    } else {
      sortedE = Float64Array.from(group.e).sort(); // numeric sort, no comparator needed
      sortedW = new Float64Array(sortedE.length).fill(1);
    }
    for (let i = 0; i < sortedE.length; i++) {
      const last = ns.length - 1;
      if (last >= 0 && ns[last] === n && es[last] === sortedE[i]) ws[last]! += sortedW[i]!;
      else {
        ns.push(n);
        es.push(sortedE[i]!);
        ws.push(sortedW[i]!);
      }
    }
  }
  const distinct: number[] = [];
  const nIndex = new Int32Array(ns.length);
  ns.forEach((value, i) => {
    if (distinct[distinct.length - 1] !== value) distinct.push(value);
    nIndex[i] = distinct.length - 1;
  });
  return {
    n: Float64Array.from(ns),
    e: Float64Array.from(es),
    logE: Float64Array.from(es, Math.log),
    weight: Float64Array.from(ws),
    nIndex,
    distinctN: Float64Array.from(distinct),
    logFactorial: Float64Array.from(distinct, (value) => gammaln(value + 1)),
    totalWeight: ws.reduce((sum, w) => sum + w, 0),
  };
}

/**
 * Negative log-likelihood of θ over the observed cells (N ≥ 1), identical to openEBGM's `negLL` with
 * N* = 1 (and to `negLLsquash` for weighted points):
 * −Σᵢ wᵢ·ln[P·f₁*(Nᵢ) + (1−P)·f₂*(Nᵢ)], f_k* = f_k/(1 − f_k(0)),
 * f_k = NB(size α_k, prob β_k/(β_k+Eᵢ)), f_k(0) = (β_k/(β_k+Eᵢ))^α_k (DuMouchel & Pregibon 2001).
 * Evaluated on the log scale (log-sum-exp, expm1) so that large N or tiny E neither underflow nor cancel.
 * Returns +∞ for parameters outside α, β > 0, 0 < P < 1.
 */
export function computeMgpsNegLogLikelihood(theta: MgpsHyperparameters, data: MgpsLikelihoodData): number {
  const { alpha1, beta1, alpha2, beta2, p } = theta;
  if (!(alpha1 > 0 && beta1 > 0 && alpha2 > 0 && beta2 > 0 && p > 0 && p < 1)) return Number.POSITIVE_INFINITY;
  const distinctCount = data.distinctN.length;
  const lg1 = new Float64Array(distinctCount);
  const lg2 = new Float64Array(distinctCount);
  const gammaAlpha1 = gammaln(alpha1);
  const gammaAlpha2 = gammaln(alpha2);
  for (let k = 0; k < distinctCount; k++) {
    const nk = data.distinctN[k]!;
    const logFactorial = data.logFactorial[k]!;
    lg1[k] = gammaln(alpha1 + nk) - gammaAlpha1 - logFactorial;
    lg2[k] = gammaln(alpha2 + nk) - gammaAlpha2 - logFactorial;
  }
  const logBeta1 = Math.log(beta1);
  const logBeta2 = Math.log(beta2);
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const { n, e, logE, weight, nIndex } = data;
  let total = 0;
  for (let i = 0; i < n.length; i++) {
    const ni = n[i]!;
    const ei = e[i]!;
    const logEi = logE[i]!;
    const k = nIndex[i]!;
    const logBetaE1 = Math.log(beta1 + ei);
    const logProb1 = logBeta1 - logBetaE1;
    const l1 = logP + lg1[k]! + alpha1 * logProb1 + ni * (logEi - logBetaE1) - Math.log(-Math.expm1(alpha1 * logProb1));
    const logBetaE2 = Math.log(beta2 + ei);
    const logProb2 = logBeta2 - logBetaE2;
    const l2 = logQ + lg2[k]! + alpha2 * logProb2 + ni * (logEi - logBetaE2) - Math.log(-Math.expm1(alpha2 * logProb2));
    const logMix = l1 > l2 ? l1 + Math.log1p(Math.exp(l2 - l1)) : l2 + Math.log1p(Math.exp(l1 - l2));
    total -= weight[i]! * logMix;
  }
  return total;
}
