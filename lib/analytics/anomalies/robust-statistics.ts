/** Median (mean of the two middle values for an even length), as R's `median`. NaN for no values. */
export function computeMedian(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Scaled median absolute deviation, as R's `mad`: 1.4826 * median(|x - median(x)|). */
export function computeMad(values: readonly number[], center = computeMedian(values)): number {
  return 1.4826 * computeMedian(values.map((v) => Math.abs(v - center)));
}

/** Arithmetic mean and sample standard deviation (n - 1 denominator, as R's `sd`). */
export function computeMeanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN };
}
