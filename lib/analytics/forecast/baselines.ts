import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { classicalDecomposition } from "@/lib/analytics/forecast/classical-decomposition";
import { isSeasonalByAcf } from "@/lib/analytics/forecast/seasonality-test";
import type { ForecastPoint } from "@/lib/analytics/forecast/types";

/** A baseline forecast with its intervals (on the data scale, floored at 0). */
export interface BaselineForecast {
  method: "seasonal-naive" | "naive2";
  /** Period used: m for seasonal naive (1 falls back to the naive random walk). */
  period: number;
  /** Naive2 only: whether the M4 seasonality test passed and the data were seasonally adjusted. */
  seasonallyAdjusted?: boolean;
  forecast: ForecastPoint[];
}

function levelKey(level: number): string {
  return String(level);
}

/**
 * Lag walk with normal intervals, R forecast's `snaive`/`naive` (`lagwalk`): ŷ_{n+h} = y_{n+h−m(k+1)},
 * k = ⌊(h−1)/m⌋, se_h = σ·√(k+1) with σ² the mean squared lag-m difference.
 */
function lagWalk(values: readonly number[], lag: number, horizon: number): { mean: number[]; se: number[] } {
  const n = values.length;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < n; t++) {
    sum += ((values[t] as number) - (values[t - lag] as number)) ** 2;
    count++;
  }
  const sigma = count > 0 ? Math.sqrt(sum / count) : 0;
  const mean: number[] = [];
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / lag);
    mean.push(values[n - lag + ((h - 1) % lag)] as number);
    se.push(sigma * Math.sqrt(k + 1));
  }
  return { mean, se };
}

function toPoints(mean: number[], se: number[], levels: readonly number[], scale: (h: number) => number = () => 1): ForecastPoint[] {
  return mean.map((f, i) => {
    const lower: Record<string, number> = {};
    const upper: Record<string, number> = {};
    for (const level of levels) {
      const z = normalQuantile(0.5 + level / 200, 0, 1);
      lower[levelKey(level)] = Math.max(0, (f - z * (se[i] as number)) * scale(i));
      upper[levelKey(level)] = Math.max(0, (f + z * (se[i] as number)) * scale(i));
    }
    return { step: i + 1, mean: Math.max(0, f * scale(i)), lower, upper };
  });
}

/**
 * Seasonal naive: each forecast repeats the value one season earlier, ŷ_{n+h} = y_{n+h−m(⌊(h−1)/m⌋+1)},
 * with R's `snaive` intervals (normal, σ from the in-sample seasonal differences, widening by season).
 * Falls back to the naive random walk (m = 1) when the series is not longer than one season. Counts
 * in, counts out: values and bounds floored at 0.
 */
export function seasonalNaive(values: readonly number[], m: number, horizon: number, levels: readonly number[] = [80, 95]): BaselineForecast {
  const period = values.length > m ? m : 1;
  const { mean, se } = lagWalk(values, period, horizon);
  return { method: "seasonal-naive", period, forecast: toPoints(mean, se, levels) };
}

/**
 * Naive2 (M4 benchmark): a random walk on the seasonally adjusted series, re-seasonalised. The series is
 * adjusted by classical multiplicative decomposition (R `decompose`) only when the M4 seasonality test
 * passes (lag-m ACF significant at 90%, n ≥ 3m) and every value is positive (a multiplicative
 * decomposition of zeros is undefined; such series are forecast unadjusted). The forecast of step h is
 * y*_n · S_{n+h}, where y* = y/S and S is the seasonal index of that phase. Intervals: R's `naive`
 * intervals on the adjusted series, scaled by the index.
 */
export function naive2(values: readonly number[], m: number, horizon: number, levels: readonly number[] = [80, 95]): BaselineForecast {
  const n = values.length;
  const adjust = m > 1 && values.every((v) => v > 0) && isSeasonalByAcf(values, m);
  if (!adjust) {
    const { mean, se } = lagWalk(values, 1, horizon);
    return { method: "naive2", period: m, seasonallyAdjusted: false, forecast: toPoints(mean, se, levels) };
  }
  const { figure } = classicalDecomposition(values, m, "multiplicative");
  const adjusted = values.map((v, t) => v / (figure[t % m] as number));
  const { mean, se } = lagWalk(adjusted, 1, horizon);
  return {
    method: "naive2",
    period: m,
    seasonallyAdjusted: true,
    forecast: toPoints(mean, se, levels, (i) => figure[(n + i) % m] as number),
  };
}
