/**
 * Solves G·x = r for a symmetric positive semi-definite k×k matrix G (row-major, overwritten) by Cholesky
 * with a small ridge (1e-10·mean diagonal) so that a rank-deficient G (e.g. initial states the data cannot
 * identify) still gives the minimum-norm-like, finite answer instead of NaN. Returns x (r is overwritten).
 */
export function solveSymmetric(G: Float64Array, r: Float64Array, k: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < k; i++) trace += G[i * k + i] as number;
  const ridge = (trace > 0 ? trace / k : 1) * 1e-10;
  for (let i = 0; i < k; i++) G[i * k + i] = (G[i * k + i] as number) + ridge;
  for (let j = 0; j < k; j++) {
    let d = G[j * k + j] as number;
    for (let p = 0; p < j; p++) d -= (G[j * k + p] as number) ** 2;
    d = Math.sqrt(Math.max(d, ridge));
    G[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let s = G[i * k + j] as number;
      for (let p = 0; p < j; p++) s -= (G[i * k + p] as number) * (G[j * k + p] as number);
      G[i * k + j] = s / d;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = r[i] as number;
    for (let p = 0; p < i; p++) s -= (G[i * k + p] as number) * (r[p] as number);
    r[i] = s / (G[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = r[i] as number;
    for (let p = i + 1; p < k; p++) s -= (G[p * k + i] as number) * (r[p] as number);
    r[i] = s / (G[i * k + i] as number);
  }
  return r;
}

/** Ordinary least squares coefficients of y on the columns of `rows` (each row one observation). */
export function ordinaryLeastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] {
  const k = rows[0]?.length ?? 0;
  const G = new Float64Array(k * k);
  const r = new Float64Array(k);
  rows.forEach((row, t) => {
    for (let i = 0; i < k; i++) {
      r[i] = (r[i] as number) + (row[i] as number) * (y[t] as number);
      for (let j = 0; j < k; j++) G[i * k + j] = (G[i * k + j] as number) + (row[i] as number) * (row[j] as number);
    }
  });
  return Array.from(solveSymmetric(G, r, k));
}
