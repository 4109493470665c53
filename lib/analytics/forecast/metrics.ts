/**
 * Forecast accuracy measures exactly as the M4 competition defines them (Makridakis, Spiliotis &
 * Assimakopoulos 2020; "Benchmarks and Evaluation.R" in Mcompetitions/M4-methods). `actual` and
 * `forecast` are the hold-out values and the forecasts, step by step; `insample` is the training series.
 * Arrays of different lengths, or empty hold-outs, throw a RangeError (a programming error, not bad
 * user input).
 */

function assertSameLength(...arrays: readonly (readonly number[])[]): void {
  const n = arrays[0]?.length ?? 0;
  if (n === 0) throw new RangeError("metrics need at least one hold-out point");
  if (arrays.some((a) => a.length !== n)) throw new RangeError("actual, forecast and bounds must have the same length");
}

/**
 * sMAPE = mean(200·|y − f| / (|y| + |f|)), on a 0–200 scale (Nixtla reports half of this); a term with
 * y = f = 0 counts as 0 (the M4 script would give NaN).
 */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  assertSameLength(actual, forecast);
  let sum = 0;
  actual.forEach((y, i) => {
    const f = forecast[i] as number;
    const denominator = Math.abs(y) + Math.abs(f);
    sum += denominator === 0 ? 0 : (200 * Math.abs(y - f)) / denominator;
  });
  return sum / actual.length;
}

/**
 * The MASE scale: mean |x_t − x_{t−m}| over the in-sample series (the in-sample MAE of seasonal naive).
 * m = 1 when the series is not longer than m. Returns 0 for a series whose lag-m differences are all 0.
 */
export function maseScale(insample: readonly number[], m: number): number {
  const lag = insample.length > m ? m : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < insample.length; t++) {
    sum += Math.abs((insample[t] as number) - (insample[t - lag] as number));
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * MASE = mean|y − f| / {@link maseScale}(insample, m), m the seasonal period (M4 uses m = 1 for weekly,
 * daily and yearly data). NaN when the scale is 0 (a constant in-sample series): the ratio is undefined.
 */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[], m: number): number {
  assertSameLength(actual, forecast);
  const scale = maseScale(insample, m);
  if (scale === 0) return NaN;
  let sum = 0;
  actual.forEach((y, i) => (sum += Math.abs(y - (forecast[i] as number))));
  return sum / actual.length / scale;
}

/**
 * MSIS = mean[(U − L) + (2/a)(L − y)·1{y < L} + (2/a)(y − U)·1{y > U}] / {@link maseScale}(insample, m),
 * for the (1 − a) interval [L, U]; the M4 uses a = 0.05 (95% intervals). NaN when the scale is 0.
 */
export function msis(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  insample: readonly number[],
  m: number,
  a = 0.05,
): number {
  assertSameLength(actual, lower, upper);
  const scale = maseScale(insample, m);
  if (scale === 0) return NaN;
  let sum = 0;
  actual.forEach((y, i) => {
    const l = lower[i] as number;
    const u = upper[i] as number;
    sum += u - l + (y < l ? (2 / a) * (l - y) : 0) + (y > u ? (2 / a) * (y - u) : 0);
  });
  return sum / actual.length / scale;
}

/** Share of hold-out values inside their interval, bounds included: mean 1{L ≤ y ≤ U}. */
export function intervalCoverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  assertSameLength(actual, lower, upper);
  let inside = 0;
  actual.forEach((y, i) => {
    if (y >= (lower[i] as number) && y <= (upper[i] as number)) inside++;
  });
  return inside / actual.length;
}
