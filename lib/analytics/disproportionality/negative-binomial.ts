import gammaln from "@stdlib/math-base-special-gammaln";

/**
 * ln of the negative binomial probability of n (R's `dnbinom(n, size = α, prob = β/(β+E))`): the marginal
 * of N when N | λ ~ Poisson(λE) and λ ~ Gamma(α, β) (shape/rate).
 * ln f(n) = lnΓ(α+n) − lnΓ(α) − lnΓ(n+1) + α·ln(β/(β+E)) + n·ln(E/(β+E)).
 * Requires α, β, E > 0 and an integer n ≥ 0.
 */
export function logNegativeBinomialPmf(n: number, alpha: number, beta: number, e: number): number {
  const logBetaPlusE = Math.log(beta + e);
  return (
    gammaln(alpha + n) - gammaln(alpha) - gammaln(n + 1) + alpha * (Math.log(beta) - logBetaPlusE) + n * (Math.log(e) - logBetaPlusE)
  );
}
