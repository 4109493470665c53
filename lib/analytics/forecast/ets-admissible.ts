import type { EtsSmoothing, EtsSpec } from "@/lib/analytics/forecast/ets-model";

// Scratch buffers (seasonal periods up to 24 give degree ≤ 25); single-threaded, so sharing is safe.
const SCRATCH_SIZE = 32;
const scratchA = new Float64Array(SCRATCH_SIZE);
const scratchB = new Float64Array(SCRATCH_SIZE);
const coefficientScratch = new Float64Array(SCRATCH_SIZE);

/**
 * True when every root of Σ aₖ zᵏ (coefficients in ascending powers) has modulus ≤ `radius`.
 * Schur–Cohn–Jury recursion on p(radius·z): with |a₀| < |aₙ|, p has all its roots inside the unit disc
 * iff (aₙ·p(z) − a₀·p*(z))/z does (Rouché), where p* is p with its coefficients reversed. O(n²), no
 * complex arithmetic; used instead of polynomial root finding (R's `polyroot`) because it runs inside
 * the likelihood.
 */
export function rootsWithinRadius(coefficients: ArrayLike<number>, radius: number): boolean {
  let degree = coefficients.length - 1;
  while (degree > 0 && coefficients[degree] === 0) degree--;
  let p = degree < SCRATCH_SIZE ? scratchA : new Float64Array(degree + 1);
  let q = degree < SCRATCH_SIZE ? scratchB : new Float64Array(degree + 1);
  let power = 1;
  for (let k = 0; k <= degree; k++) {
    p[k] = coefficients[k]! * power;
    power *= radius;
  }
  for (let n = degree; n > 0; n--) {
    const a0 = p[0]!;
    const an = p[n]!;
    if (!(Math.abs(a0) < Math.abs(an))) return false;
    // Dividing by the new leading coefficient keeps repeated squaring from overflowing.
    const scale = an * an - a0 * a0;
    for (let k = 1; k <= n; k++) q[k - 1] = (an * p[k]! - a0 * p[n - k]!) / scale;
    [p, q] = [q, p];
  }
  return true;
}

/**
 * R forecast's `admissible()` (Hyndman et al. 2008 ch. 10): the parameters give a forecastable model,
 * i.e. the discount matrix D = F − g·w′ has all eigenvalues inside the unit circle (within 1e-8; R
 * allows 1e-10 on `polyroot` output). Non-seasonal models in the usual region always pass.
 */
export function isAdmissible(spec: EtsSpec, m: number, smoothing: EtsSmoothing): boolean {
  const phi = spec.trend === "Ad" ? smoothing.phi : 1;
  const { alpha } = smoothing;
  if (spec.season === "N") {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (spec.trend === "N") return true;
    return !(smoothing.beta < alpha * (phi - 1) || smoothing.beta > (1 + phi) * (2 - alpha));
  }
  const beta = spec.trend === "N" ? 0 : smoothing.beta;
  const { gamma } = smoothing;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const middle = alpha + beta - alpha * phi;
  const coefficients = m + 2 <= SCRATCH_SIZE ? coefficientScratch.subarray(0, m + 2) : new Float64Array(m + 2);
  coefficients.fill(middle);
  coefficients[0] = phi * (1 - alpha - gamma);
  coefficients[1] = middle + gamma - 1;
  coefficients[m] = alpha + beta - phi;
  coefficients[m + 1] = 1;
  return rootsWithinRadius(coefficients, 1 + 1e-8);
}
