import { solveSymmetric } from "@/lib/analytics/forecast/least-squares";

export interface LeastSquaresOptions {
  lower: readonly number[];
  upper: readonly number[];
  /** Number of residuals the callback writes. */
  residualCount: number;
  /** Typical magnitude of each coordinate; sets the finite-difference step (1e-6 of it). */
  typical: readonly number[];
  maxIterations?: number;
  /** Stop when an accepted step lowers Σr² by less than this fraction. Default 1e-9. */
  relativeTolerance?: number;
}

export interface LeastSquaresResult {
  x: number[];
  /** Σ r² at x (+Infinity when the start was infeasible). */
  value: number;
  iterations: number;
}

/**
 * Box-bounded Levenberg–Marquardt for min Σ rᵢ(x)² with a forward-difference Jacobian. Coordinates
 * sitting on a bound with the gradient pushing outward are frozen for the step (a simple active set);
 * trial points are projected into the box. Stops when a step gains less than `relativeTolerance`
 * relatively, when twelve (doubling) increases of the damping find no better point, or when steps shrink
 * below 1e-10 of `typical`. `residuals` fills `out` and returns false when x is infeasible
 * (treated as a failed step). Deterministic.
 */
export function minimizeLeastSquares(
  residuals: (x: readonly number[], out: Float64Array) => boolean,
  start: readonly number[],
  options: LeastSquaresOptions,
): LeastSquaresResult {
  const p = start.length;
  const n = options.residualCount;
  const maxIterations = options.maxIterations ?? 60;
  const relativeTolerance = options.relativeTolerance ?? 1e-9;
  const clamp = (v: number, i: number) => Math.min(options.upper[i] ?? Infinity, Math.max(options.lower[i] ?? -Infinity, v));
  const sumSquares = (r: Float64Array) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += r[t]! * r[t]!;
    return s;
  };
  let x = start.map(clamp);
  const r = new Float64Array(n);
  const trial = new Float64Array(n);
  if (!residuals(x, r)) return { x, value: Infinity, iterations: 0 };
  let value = sumSquares(r);
  // Column-major Jacobian: column i at J[i·n … i·n + n).
  const J = new Float64Array(n * p);
  const A = new Float64Array(p * p);
  const g = new Float64Array(p);
  const shifted = [...x];
  let lambda = 1e-3;
  let growth = 2;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    for (let i = 0; i < p; i++) {
      const h = 1e-6 * Math.max(Math.abs(x[i]!), options.typical[i] ?? 1);
      for (let j = 0; j < p; j++) shifted[j] = x[j]!;
      const forward = x[i]! + h <= (options.upper[i] ?? Infinity);
      const delta = forward ? h : -h;
      shifted[i] = x[i]! + delta;
      const ok = residuals(shifted, trial);
      const column = i * n;
      for (let t = 0; t < n; t++) J[column + t] = ok ? (trial[t]! - r[t]!) / delta : 0;
    }
    for (let i = 0; i < p; i++) {
      const ci = i * n;
      let gi = 0;
      for (let t = 0; t < n; t++) gi += J[ci + t]! * r[t]!;
      g[i] = gi;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let aij = 0;
        for (let t = 0; t < n; t++) aij += J[ci + t]! * J[cj + t]!;
        A[i * p + j] = aij;
      }
    }
    const free: number[] = [];
    for (let i = 0; i < p; i++) {
      const atLower = x[i]! <= (options.lower[i] ?? -Infinity) && g[i]! > 0;
      const atUpper = x[i]! >= (options.upper[i] ?? Infinity) && g[i]! < 0;
      if (!atLower && !atUpper && A[i * p + i]! > 0) free.push(i);
    }
    if (free.length === 0) break;
    const k = free.length;
    let accepted = false;
    let relativeGain = 0;
    let stepNorm = Infinity;
    for (let attempt = 0; attempt < 12 && stepNorm > 1e-10; attempt++) {
      const M = new Float64Array(k * k);
      const rhs = new Float64Array(k);
      for (let a = 0; a < k; a++) {
        const i = free[a]!;
        rhs[a] = -g[i]!;
        for (let b = 0; b < k; b++) {
          const j = free[b]!;
          M[a * k + b] = i >= j ? A[i * p + j]! : A[j * p + i]!;
        }
        M[a * k + a] = M[a * k + a]! * (1 + lambda);
      }
      const step = solveSymmetric(M, rhs, k);
      stepNorm = 0;
      // Predicted fall of Σr² under the linear model: −δ′g + λ·δ′diag(A)δ (> 0 for a descent step).
      let predicted = 0;
      free.forEach((i, a) => {
        stepNorm = Math.max(stepNorm, Math.abs(step[a]!) / Math.max(Math.abs(x[i]!), options.typical[i] ?? 1));
        predicted += -step[a]! * g[i]! + lambda * A[i * p + i]! * step[a]! * step[a]!;
      });
      const candidate = [...x];
      free.forEach((i, a) => (candidate[i] = clamp(x[i]! + step[a]!, i)));
      if (residuals(candidate, trial)) {
        const candidateValue = sumSquares(trial);
        if (candidateValue < value) {
          // Nielsen's damping update from the gain ratio ρ: shrink λ a lot when the linear model was
          // right (ρ ≈ 1), little when it was poor, so steps stop overshooting back and forth.
          const rho = predicted > 0 ? (value - candidateValue) / predicted : 1;
          relativeGain = (value - candidateValue) / Math.max(value, 1e-300);
          x = candidate;
          value = candidateValue;
          r.set(trial);
          lambda = Math.max(lambda * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3), 1e-12);
          growth = 2;
          accepted = true;
          break;
        }
      }
      lambda *= growth;
      growth *= 2;
    }
    if (!accepted || relativeGain < relativeTolerance) break;
  }
  return { x, value, iterations };
}
