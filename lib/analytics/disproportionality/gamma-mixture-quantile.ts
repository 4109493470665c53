import gammaln from "@stdlib/math-base-special-gammaln";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { computeGammaCdf } from "./gamma-distribution";

/** One gamma component (shape/rate) of a two-component mixture. */
export interface GammaComponent {
  shape: number;
  rate: number;
}

const MAX_ITERATIONS = 200;
/** Stop when the bracket or an accepted Halley/Newton step is below this in ln x. */
const LOG_X_TOLERANCE = 1e-10;

/** ln of the Wilson–Hilferty approximation of a gamma quantile; small-x series when it breaks down. */
function approximateLogQuantile(prob: number, z: number, { shape, rate }: GammaComponent): number {
  const t = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
  if (t > 0.1) return Math.log(shape / rate) + 3 * Math.log(t);
  return (Math.log(prob) + gammaln(shape + 1)) / shape - Math.log(rate);
}

/**
 * The `prob` quantile of the mixture w·Gamma(shape₁, rate₁) + (1 − w)·Gamma(shape₂, rate₂): the x with
 * w·F₁(x) + (1 − w)·F₂(x) = prob, F_k the gamma CDFs of `computeGammaCdf` (@stdlib's, with the
 * large-shape fix).
 *
 * Safeguarded root finding on y = ln x (after Numerical Recipes' `rtsafe`): a bracket [lo, hi] with
 * F(e^lo) < prob ≤ F(e^hi) is kept throughout; each step is a Halley step (Newton when Halley's
 * denominator is not positive), replaced by a bisection of the bracket whenever it would leave the bracket
 * or fails to halve the previous step, and, while one end of the bracket is still unknown, limited to one
 * unit of ln x (a factor e) towards the root. It therefore always converges, and converges cubically near the root; it stops when the
 * bracket or an accepted step is below 1e-10 in ln x (the accepted step's error is then ~1e-20).
 * The start is the w-weighted mean of the two components' Wilson–Hilferty log-quantiles.
 *
 * Requires 0 < prob < 1, 0 ≤ w ≤ 1 and positive shapes and rates.
 */
export function computeGammaMixtureQuantile(
  prob: number,
  weight1: number,
  first: GammaComponent,
  second: GammaComponent,
): number {
  const weight2 = 1 - weight1;
  const logNorm1 = first.shape * Math.log(first.rate) - gammaln(first.shape);
  const logNorm2 = second.shape * Math.log(second.rate) - gammaln(second.shape);
  const z = normalQuantile(prob, 0, 1);
  let y = weight1 * approximateLogQuantile(prob, z, first) + weight2 * approximateLogQuantile(prob, z, second);
  if (!Number.isFinite(y)) y = Math.log((weight1 * first.shape) / first.rate + (weight2 * second.shape) / second.rate);
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let previousStep = Number.POSITIVE_INFINITY;

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const x = Math.exp(y);
    const gap = weight1 * computeGammaCdf(x, first.shape, first.rate) + weight2 * computeGammaCdf(x, second.shape, second.rate) - prob;
    if (gap === 0) return x;
    if (gap < 0) lo = y;
    else hi = y;
    if (hi - lo < LOG_X_TOLERANCE) return Math.exp((lo + hi) / 2);
    // d/dy F(e^y) = Σ_k w_k x f_k(x) = Σ d_k; d²/dy² = Σ d_k (shape_k − rate_k x).
    const d1 = weight1 * Math.exp(logNorm1 + first.shape * y - first.rate * x);
    const d2 = weight2 * Math.exp(logNorm2 + second.shape * y - second.rate * x);
    const slope = d1 + d2;
    const curvature = d1 * (first.shape - first.rate * x) + d2 * (second.shape - second.rate * x);
    const halleyDenominator = 2 * slope * slope - gap * curvature;
    const step = slope > 0 ? (halleyDenominator > 0 ? (2 * gap * slope) / halleyDenominator : gap / slope) : Number.NaN;
    const next = y - step;
    const bracketed = Number.isFinite(lo) && Number.isFinite(hi);
    if (next > lo && next < hi && Math.abs(step) <= previousStep / 2 && (bracketed || Math.abs(step) <= 1)) {
      if (Math.abs(step) < LOG_X_TOLERANCE) return Math.exp(next);
      previousStep = Math.abs(step);
      y = next;
    } else if (bracketed) {
      previousStep = (hi - lo) / 2;
      y = (lo + hi) / 2;
    } else {
      previousStep = Number.POSITIVE_INFINITY;
      y = gap < 0 ? y + 1 : y - 1;
    }
  }
  return Math.exp(Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : y);
}
