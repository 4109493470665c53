export type DecompositionType = "additive" | "multiplicative";

export interface ClassicalDecomposition {
  /** Centred moving average; NaN for the ⌊m/2⌋ points at each end. */
  trend: number[];
  /**
   * Seasonal figure, length m, indexed by phase: `figure[i]` belongs to observations i, i+m, … (0-based).
   * Sums to 0 (additive) or averages 1 (multiplicative).
   */
  figure: number[];
  /** The figure tiled over the series (length n). */
  seasonal: number[];
}

/**
 * Centred moving average of order m (a 2×m MA for even m, weights ½,1,…,1,½ over m), as R's
 * `filter(x, c(0.5, rep(1, m − 1), 0.5)/m)` inside `decompose()`. Ends without a full window are NaN.
 */
export function centredMovingAverage(values: readonly number[], m: number): number[] {
  const n = values.length;
  const half = Math.floor(m / 2);
  const weights = m % 2 === 0 ? [0.5, ...new Array<number>(m - 1).fill(1), 0.5].map((w) => w / m) : new Array<number>(m).fill(1 / m);
  const out = new Array<number>(n).fill(NaN);
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    for (let j = 0; j < weights.length; j++) sum += (weights[j] as number) * (values[t - half + j] as number);
    out[t] = sum;
  }
  return out;
}

/**
 * Classical decomposition, identical to R's `stats::decompose`: trend = centred MA of order m;
 * detrended = y − trend (or y / trend); the figure is the mean detrended value of each phase, then
 * centred (additive: minus its mean; multiplicative: divided by its mean). Phases count from the first
 * observation. Requires n ≥ 2m (R's own requirement). Multiplicative decomposition needs a positive trend;
 * the caller checks the data are strictly positive.
 */
export function classicalDecomposition(values: readonly number[], m: number, type: DecompositionType): ClassicalDecomposition {
  const n = values.length;
  const trend = centredMovingAverage(values, m);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < n; t++) {
    const tr = trend[t] as number;
    if (Number.isNaN(tr)) continue;
    const detrended = type === "additive" ? (values[t] as number) - tr : (values[t] as number) / tr;
    if (!Number.isFinite(detrended)) continue;
    sums[t % m] = (sums[t % m] as number) + detrended;
    counts[t % m] = (counts[t % m] as number) + 1;
  }
  let figure = sums.map((s, i) => ((counts[i] as number) > 0 ? s / (counts[i] as number) : type === "additive" ? 0 : 1));
  const mean = figure.reduce((a, b) => a + b, 0) / m;
  figure = type === "additive" ? figure.map((f) => f - mean) : figure.map((f) => f / mean);
  const seasonal = Array.from({ length: n }, (_, t) => figure[t % m] as number);
  return { trend, figure, seasonal };
}
