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

/** Columns of X, in order, that are not (numerically) linear combinations of earlier ones. */
function selectIndependentColumns(design: readonly number[][]): number[] {
  const columns = design[0]?.length ?? 0;
  const basis: number[][] = [];
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    let v = design.map((row) => row[c]!);
    const norm0 = Math.hypot(...v);
    for (const q of basis) {
      const dot = v.reduce((s, x, i) => s + x * q[i]!, 0);
      v = v.map((x, i) => x - dot * q[i]!);
    }
    const norm = Math.hypot(...v);
    if (norm0 > 0 && norm > 1e-7 * norm0) {
      basis.push(v.map((x) => x / norm));
      kept.push(c);
    }
  }
  return kept;
}

function deviance(y: readonly number[], mu: readonly number[], prior: readonly number[]): number {
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
  const keptColumns = selectIndependentColumns(design);
  const X = design.map((row) => keptColumns.map((c) => row[c]!));
  const p = keptColumns.length;
  let mu = y.map((v) => v + 0.1);
  let eta = mu.map(Math.log);
  let devOld = deviance(y, mu, priorWeights);
  let converged = false;
  let coefficients: number[] = new Array<number>(p).fill(0);
  let workingWeights: number[] = [];
  let rInverse: number[][] = [];
  const a = new Float64Array(n * p);
  const b = new Float64Array(n);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    workingWeights = mu.map((m, i) => priorWeights[i]! * m);
    for (let i = 0; i < n; i++) {
      const sw = Math.sqrt(workingWeights[i]!);
      b[i] = (eta[i]! + (y[i]! - mu[i]!) / mu[i]!) * sw;
      for (let j = 0; j < p; j++) a[j * n + i] = X[i]![j]! * sw;
    }
    ({ x: coefficients, rInverse } = solveLeastSquares(a, b, n, p));
    eta = X.map((row) => row.reduce((s, x, j) => s + x * coefficients[j]!, 0));
    mu = eta.map(Math.exp);
    const dev = deviance(y, mu, priorWeights);
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  const covUnscaled = rInverse.map((row) =>
    rInverse.map((other) => row.reduce((s, v, k) => s + v * other[k]!, 0)),
  );
  const hatValues = X.map((row, i) => {
    let q = 0;
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) q += row[a]! * covUnscaled[a]![c]! * row[c]!;
    return workingWeights[i]! * q;
  });
  const dfResidual = n - p;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    const res = (y[i]! - mu[i]!) / mu[i]!;
    pearson += workingWeights[i]! * res * res;
  }
  return {
    coefficients,
    keptColumns,
    fitted: mu,
    workingWeights,
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
