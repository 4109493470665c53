/**
 * Least squares min ||A·x - b|| by Householder QR, in place on a column-major copy of A (n × p,
 * n >= p, full column rank). Returns x and R⁻¹ (upper triangular, p × p), so that
 * (A'A)⁻¹ = R⁻¹·R⁻ᵀ. Written for the small dense systems of the Farrington GLM, where ml-matrix's
 * general QR spent about 1.5 ms per 260 × 11 solve (12 ms per IRLS fit); this is about 10× faster.
 */
export function solveLeastSquares(a: Float64Array, b: Float64Array, n: number, p: number): { x: number[]; rInverse: number[][] } {
  const diag = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const col = k * n;
    let norm = 0;
    for (let i = k; i < n; i++) norm += a[col + i]! * a[col + i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new RangeError("rank-deficient design");
    if (a[col + k]! < 0) norm = -norm;
    for (let i = k; i < n; i++) a[col + i]! /= norm;
    a[col + k]! += 1;
    for (let j = k + 1; j < p; j++) {
      const cj = j * n;
      let s = 0;
      for (let i = k; i < n; i++) s += a[col + i]! * a[cj + i]!;
      s = -s / a[col + k]!;
      for (let i = k; i < n; i++) a[cj + i]! += s * a[col + i]!;
    }
    let s = 0;
    for (let i = k; i < n; i++) s += a[col + i]! * b[i]!;
    s = -s / a[col + k]!;
    for (let i = k; i < n; i++) b[i]! += s * a[col + i]!;
    diag[k] = -norm;
  }
  // R: diag on the diagonal, a[j*n + k] above it (k < j).
  const r = (k: number, j: number) => (k === j ? diag[k]! : a[j * n + k]!);
  const x = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let j = k + 1; j < p; j++) s -= r(k, j) * x[j]!;
    x[k] = s / diag[k]!;
  }
  const rInverse = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    rInverse[j]![j] = 1 / diag[j]!;
    for (let k = j - 1; k >= 0; k--) {
      let s = 0;
      for (let m = k + 1; m <= j; m++) s += r(k, m) * rInverse[m]![j]!;
      rInverse[k]![j] = -s / diag[k]!;
    }
  }
  return { x, rInverse };
}
