import digamma from "@stdlib/math-base-special-digamma";
import { computeGammaMixtureQuantile } from "./gamma-mixture-quantile";
import type { MgpsHyperparameters, MgpsPosterior } from "./mgps-types";
import { logNegativeBinomialPmf } from "./negative-binomial";

/**
 * Posterior of the relative reporting ratio λ of one drug–event cell under DuMouchel's MGPS model, given
 * hyperparameters θ (DuMouchel 1999, Eqs. 5–11; openEBGM `Qn`, `ebgm`, `quantBisect`):
 * - λ | N=n ~ Qₙ·Gamma(α₁+n, β₁+E) + (1−Qₙ)·Gamma(α₂+n, β₂+E) (shape/rate)
 * - Qₙ = P·f₁(n) / [P·f₁(n) + (1−P)·f₂(n)], f_k = NB(size α_k, prob β_k/(β_k+E)) (not truncated)
 * - EBGM = exp{Qₙ[ψ(α₁+n) − ln(β₁+E)] + (1−Qₙ)[ψ(α₂+n) − ln(β₂+E)]}
 * - EB05, EB95 = 5th and 95th percentiles of that mixture, by bracketed root finding on its CDF
 *   (see `computeGammaMixtureQuantile`; openEBGM rounds them to 2 decimals, we do not).
 * Units: λ, EBGM, EB05 and EB95 are ratios of observed to expected reports; 1 = as expected.
 *
 * Edge cases: n = 0 is allowed (a cell that was never reported); E must be > 0 (it is for any cell of an
 * observed drug and event). Qₙ is computed on the log scale, so it stays exact when one component's
 * probability underflows.
 * @throws RangeError for a negative or non-integer n or a non-positive E.
 */
export function computeMgpsPosterior(n: number, e: number, theta: MgpsHyperparameters): MgpsPosterior {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`N must be an integer ≥ 0 (got ${n}).`);
  if (!(e > 0) || !Number.isFinite(e)) throw new RangeError(`E must be finite and > 0 (got ${e}).`);
  const { alpha1, beta1, alpha2, beta2, p } = theta;
  const logOdds =
    Math.log(p) + logNegativeBinomialPmf(n, alpha1, beta1, e) - (Math.log1p(-p) + logNegativeBinomialPmf(n, alpha2, beta2, e));
  const qn = 1 / (1 + Math.exp(-logOdds));
  const logMean1 = digamma(alpha1 + n) - Math.log(beta1 + e);
  const logMean2 = digamma(alpha2 + n) - Math.log(beta2 + e);
  const first = { shape: alpha1 + n, rate: beta1 + e };
  const second = { shape: alpha2 + n, rate: beta2 + e };
  return {
    qn,
    ebgm: Math.exp(qn * logMean1 + (1 - qn) * logMean2),
    eb05: computeGammaMixtureQuantile(0.05, qn, first, second),
    eb95: computeGammaMixtureQuantile(0.95, qn, first, second),
  };
}
