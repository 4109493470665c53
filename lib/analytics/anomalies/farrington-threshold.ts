import nbQuantile from "@stdlib/stats-base-dists-negative-binomial-quantile";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";

export type FarringtonThresholdMethod = "nbPlugin" | "muan" | "delta";

/**
 * Upper threshold of `farringtonFlexible` for one period, given the GLM prediction.
 * - "nbPlugin" (Noufaily et al. 2013): the (1 - alpha) quantile of a negative binomial with mean
 *   mu0 = exp(eta0) and variance phi·mu0, i.e. qnbinom(1 - alpha, size = mu0/(phi - 1), prob = 1/phi);
 *   Poisson quantile when phi = 1.
 * - "muan": the same with mu0 = exp(eta0 + z·se(eta0)), the upper (1 - alpha) point of the mean.
 * - "delta" (Farrington 1996, R's default): the 2/3-power transformation,
 *   U = (mu0^(2/3) + z·sqrt(4/9·mu0^(1/3)·(phi + se(mu0)²/mu0)))^(3/2), on the response scale.
 * alpha is one-sided (z = qnorm(1 - alpha)). Returns NaN when mu0 overflows (R: NA).
 */
export function computeFarringtonThreshold(input: {
  method: FarringtonThresholdMethod;
  eta: number;
  seEta: number;
  phi: number;
  alpha: number;
}): number {
  const { method, eta, seEta, phi, alpha } = input;
  if (method === "delta") {
    const mu0 = Math.exp(eta);
    const seMu = seEta * mu0;
    const tau = phi + (seMu * seMu) / mu0;
    const se = Math.sqrt((4 / 9) * Math.cbrt(mu0) * tau);
    const base = Math.pow(mu0, 2 / 3) + normalQuantile(1 - alpha, 0, 1) * se;
    return Math.pow(base, 3 / 2);
  }
  const mu0 = method === "nbPlugin" ? Math.exp(eta) : Math.exp(normalQuantile(1 - alpha, eta, seEta));
  if (!Number.isFinite(mu0)) return Number.NaN;
  return phi > 1 ? nbQuantile(1 - alpha, mu0 / (phi - 1), 1 / phi) : poissonQuantile(1 - alpha, mu0);
}
