/**
 * k-th smallest (0-based) of `work`, reordering it in place (Hoare's quickselect, median-of-three
 * pivot). O(n) on average: S-H-ESD takes a median and a MAD at every test step of a 20,000-point series.
 */
function selectInPlace(work: Float64Array, k: number): number {
  let lo = 0;
  let hi = work.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = work[lo]!, b = work[mid]!, c = work[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (work[i]! < pivot) i++;
      while (work[j]! > pivot) j--;
      if (i <= j) {
        const t = work[i]!;
        work[i] = work[j]!;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return work[k]!;
  }
  return work[k]!;
}

/** Median of a scratch array (reordered in place). */
function medianInPlace(work: Float64Array): number {
  const n = work.length;
  if (n === 0) return Number.NaN;
  const upper = selectInPlace(work, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting n/2, every value left of it is <= it: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if (work[i]! > lower) lower = work[i]!;
  return (lower + upper) / 2;
}

/** Median (mean of the two middle values for an even length), as R's `median`. NaN for no values. */
export function computeMedian(values: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(values));
}

/** Scaled median absolute deviation, as R's `mad`: 1.4826 * median(|x - median(x)|). */
export function computeMad(values: ArrayLike<number>, center = computeMedian(values)): number {
  const work = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) work[i] = Math.abs(values[i]! - center);
  return 1.4826 * medianInPlace(work);
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

/** Quantile of type 7 (R's default `quantile`): linear between order statistics. NaN for no values. */
export function computeQuantile(values: readonly number[], p: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
