/**
 * Sample autocorrelations r_1 … r_maxLag (R's `acf`: biased denominator n·c₀, mean removed). A constant
 * series has no defined autocorrelation; it gets zeros.
 */
export function autocorrelations(values: readonly number[], maxLag: number): number[] {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let c0 = 0;
  for (const v of values) c0 += (v - mean) ** 2;
  const out: number[] = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    if (c0 === 0 || lag >= n) {
      out.push(0);
      continue;
    }
    let c = 0;
    for (let t = lag; t < n; t++) c += ((values[t] as number) - mean) * ((values[t - lag] as number) - mean);
    out.push(c / c0);
  }
  return out;
}

/**
 * The M4 seasonality test (`SeasonalityTest` in Mcompetitions/M4-methods "Benchmarks and Evaluation.R"):
 * seasonal when n ≥ 3m and |r_m| > 1.645·√((1 + 2·Σ_{k<m} r_k²)/n), i.e. the lag-m autocorrelation is
 * significant at 90% (Bartlett's variance). Unlike the M4 script, r_m is computed even when m exceeds R's
 * default `acf` lag.max of 10·log10(n) (the script then silently answers "not seasonal").
 */
export function isSeasonalByAcf(values: readonly number[], m: number): boolean {
  const n = values.length;
  if (m <= 1 || n < 3 * m) return false;
  const r = autocorrelations(values, m);
  let sumSquares = 0;
  for (let k = 0; k < m - 1; k++) sumSquares += (r[k] as number) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sumSquares) / n);
  return Math.abs(r[m - 1] as number) > limit;
}
