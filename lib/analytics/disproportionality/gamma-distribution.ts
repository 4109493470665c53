import gammaln from "@stdlib/math-base-special-gammaln";
import stdlibGammaCdf from "@stdlib/stats-base-dists-gamma-cdf";
import stdlibGammaQuantile from "@stdlib/stats-base-dists-gamma-quantile";

/**
 * @stdlib's regularised incomplete gamma (math-base-special-gammainc 0.3.1, a port of Boost's) takes its
 * large-x asymptotic series whenever z = rate·x > 1000 and (shape < z or |shape − 50| < z), i.e. also for
 * shape ≈ z, where that series is far off: Gamma(1500.5, 1) has CDF 0.50343 at its mean (R's pgamma,
 * mpmath) but @stdlib returns 0.49313; at 1577.97 it returns 0.97564 instead of 0.97587. @stdlib's gamma
 * CDF and quantile inherit this. For z ≤ 950 its other branches are used and agree with R to ~1e-15.
 */
const STDLIB_SAFE_Z = 950;
const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 1_000_000;

/**
 * ln(z^a e^−z / Γ(a)). For large a, a·ln z − z − lnΓ(a) cancels catastrophically (1e6 − 1e6), so it is
 * rewritten with Stirling's series as a·[ln(1+σ) − σ] + ½ln(a/2π) − δ(a), σ = (z − a)/a.
 */
function logGammaPrefix(a: number, z: number): number {
  if (a < 50) return a * Math.log(z) - z - gammaln(a);
  const sigma = (z - a) / a;
  const inv = 1 / a;
  const inv2 = inv * inv;
  const stirlingCorrection = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
  return a * (Math.log1p(sigma) - sigma) + 0.5 * Math.log(a / (2 * Math.PI)) - stirlingCorrection;
}

/** Regularised lower incomplete gamma P(a, z) by series (z < a+1) or Lentz continued fraction. */
function regularizedLowerGamma(a: number, z: number): number {
  if (z <= 0) return 0;
  const logPrefix = logGammaPrefix(a, z);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return Math.min(1, sum * Math.exp(logPrefix));
  }
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/**
 * CDF of Gamma(shape, rate) at x (shape/rate form, mean shape/rate): @stdlib's gamma CDF where it is
 * accurate (rate·x ≤ 950), else the classic series / Lentz continued fraction for P(shape, rate·x) with a
 * Stirling-form prefactor; agrees with R's pgamma to ≤ 1e-12 absolute for shapes up to 1e5 (see the note on
 * STDLIB_SAFE_Z and gamma-distribution-reference.R). Requires shape, rate > 0.
 */
export function computeGammaCdf(x: number, shape: number, rate: number): number {
  if (!(x > 0)) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  const z = rate * x;
  return z <= STDLIB_SAFE_Z ? stdlibGammaCdf(x, shape, rate) : regularizedLowerGamma(shape, z);
}

/** Gamma(shape, rate) density at x > 0. */
export function computeGammaPdf(x: number, shape: number, rate: number): number {
  return Math.exp(shape * Math.log(rate) - gammaln(shape) + (shape - 1) * Math.log(x) - rate * x);
}

/**
 * Quantile of Gamma(shape, rate 1): @stdlib's quantile, then, if it lies where @stdlib's CDF is unreliable
 * (x > 950), Newton steps on ln x with {@link computeGammaCdf} until the step is below 1e-13.
 * Requires 0 < p < 1 and shape > 0.
 */
export function computeStandardGammaQuantile(p: number, shape: number): number {
  let x = stdlibGammaQuantile(p, shape, 1);
  if (!(x > STDLIB_SAFE_Z)) return x;
  for (let i = 0; i < 50; i++) {
    const step = (computeGammaCdf(x, shape, 1) - p) / (computeGammaPdf(x, shape, 1) * x);
    if (!Number.isFinite(step)) break;
    x *= Math.exp(-Math.max(-1, Math.min(1, step)));
    if (Math.abs(step) < 1e-13) break;
  }
  return x;
}

/**
 * Quantile of Gamma(shape, rate) = (1/rate) × the rate-1 quantile ({@link computeStandardGammaQuantile}),
 * exactly as @stdlib scales it. Requires 0 < p < 1 and shape, rate > 0.
 */
export function computeGammaQuantile(p: number, shape: number, rate: number): number {
  return (1 / rate) * computeStandardGammaQuantile(p, shape);
}
