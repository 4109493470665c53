import { solveLeastSquares } from "@/lib/analytics/anomalies/householder-least-squares";

export type QuasiPoissonFit = {
  coefficients: number[];
  /** Indices of the design columns kept (aliased columns are dropped, as R's QR does). */
  keptColumns: number[];
  fitted: number[];
  /** Working weights of the last IRLS step (prior weight × mu), R's `model$weights`. */
  workingWeights: number[];
  /** (X'WX)^-1 over the kept columns, R's `summary(model)$cov.unscaled`. */
  covUnscaled: number[][];
  /** Pearson dispersion sum(w·r²)/(n - p), R's `summary(model)$dispersion` (NaN when n = p). */
  dispersion: number;
  hatValues: number[];
  dfResidual: number;
  converged: boolean;
};

const MAX_ITERATIONS = 25;
const EPSILON = 1e-8;

/** Columns of X (n × c, column-major), in order, that are not (numerically) combinations of earlier ones. */
function selectIndependentColumns(x: Float64Array, n: number, columns: number): number[] {
  const basis: Float64Array[] = [];
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    const v = x.slice(c * n, (c + 1) * n);
    let norm0 = 0;
    for (let i = 0; i < n; i++) norm0 += v[i]! * v[i]!;
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += v[i]! * q[i]!;
      for (let i = 0; i < n; i++) v[i]! -= dot * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    if (norm0 > 0 && Math.sqrt(norm) > 1e-7 * Math.sqrt(norm0)) {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < n; i++) v[i]! *= scale;
      basis.push(v);
      kept.push(c);
    }
  }
  return kept;
}

function deviance(y: readonly number[], mu: Float64Array, prior: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    d += 2 * prior[i]! * ((yi > 0 ? yi * Math.log(yi / mu[i]!) : 0) - (yi - mu[i]!));
  }
  return d;
}

/**
 * Quasi-Poisson GLM with log link fitted by IRLS, step for step as R's `glm.fit` (start mu = y + 0.1,
 * deviance convergence |dev - dev_old| / (|dev| + 0.1) < 1e-8, at most 25 iterations), so that
 * coefficients, dispersion, hat values and standard errors agree with R to rounding.
 * `design` rows are observations (include the intercept column); `priorWeights` default to 1.
 * As in R, the working weights, covariance and hat values are those of the last weighted
 * least-squares step. Each step solves min ||sqrt(w)(z - Xb)|| by Householder QR.
 */
export function fitQuasiPoissonGlm(
  design: readonly number[][],
  y: readonly number[],
  priorWeights: readonly number[] = y.map(() => 1),
): QuasiPoissonFit {
  const n = y.length;
  const columns = design[0]?.length ?? 0;
  const full = new Float64Array(n * columns);
  for (let i = 0; i < n; i++) for (let c = 0; c < columns; c++) full[c * n + i] = design[i]![c]!;
  const keptColumns = selectIndependentColumns(full, n, columns);
  const p = keptColumns.length;
  const x = new Float64Array(n * p);
  keptColumns.forEach((c, j) => x.set(full.subarray(c * n, (c + 1) * n), j * n));

  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = y[i]! + 0.1;
    eta[i] = Math.log(mu[i]!);
  }
  let devOld = deviance(y, mu, priorWeights);
  let converged = false;
  let coefficients: number[] = new Array<number>(p).fill(0);
  const workingWeights = new Float64Array(n);
  let rInverse: number[][] = [];
  const a = new Float64Array(n * p);
  const b = new Float64Array(n);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    for (let i = 0; i < n; i++) {
      workingWeights[i] = priorWeights[i]! * mu[i]!;
      const sw = Math.sqrt(workingWeights[i]!);
      b[i] = (eta[i]! + (y[i]! - mu[i]!) / mu[i]!) * sw;
      for (let j = 0; j < p; j++) a[j * n + i] = x[j * n + i]! * sw;
    }
    ({ x: coefficients, rInverse } = solveLeastSquares(a, b, n, p));
    eta.fill(0);
    for (let j = 0; j < p; j++) {
      const beta = coefficients[j]!;
      for (let i = 0; i < n; i++) eta[i]! += x[j * n + i]! * beta;
    }
    for (let i = 0; i < n; i++) mu[i] = Math.exp(eta[i]!);
    const dev = deviance(y, mu, priorWeights);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  const covUnscaled = rInverse.map((row) => rInverse.map((other) => row.reduce((s, v, k) => s + v * other[k]!, 0)));
  // h_i = w_i·||R⁻ᵀ x_i||², the squared norm of row i of the weighted Q factor.
  const hatValues = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let j = 0; j <= k; j++) s += x[j * n + i]! * rInverse[j]![k]!;
      h += s * s;
    }
    hatValues[i] = workingWeights[i]! * h;
  }
  const dfResidual = n - p;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    const res = (y[i]! - mu[i]!) / mu[i]!;
    pearson += workingWeights[i]! * res * res;
  }
  return {
    coefficients,
    keptColumns,
    fitted: Array.from(mu),
    workingWeights: Array.from(workingWeights),
    covUnscaled,
    dispersion: dfResidual > 0 ? pearson / dfResidual : Number.NaN,
    hatValues,
    dfResidual,
    converged,
  };
}

/** x0'·b and its link-scale standard error sqrt(x0' C x0 · dispersion), for a full-design row x0. */
export function predictLink(fit: QuasiPoissonFit, row: readonly number[], dispersion: number): { eta: number; se: number } {
  const x = fit.keptColumns.map((c) => row[c]!);
  const eta = x.reduce((s, v, j) => s + v * fit.coefficients[j]!, 0);
  let q = 0;
  for (let a = 0; a < x.length; a++) for (let c = 0; c < x.length; c++) q += x[a]! * fit.covUnscaled[a]![c]! * x[c]!;
  return { eta, se: Math.sqrt(q * dispersion) };
}
