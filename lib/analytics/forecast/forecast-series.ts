import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { naive2, seasonalNaive } from "@/lib/analytics/forecast/baselines";
import type { EtsFit } from "@/lib/analytics/forecast/ets-fit";
import { SIMULATION_PATHS, forecastEtsFit, type ModelScaleForecast } from "@/lib/analytics/forecast/ets-intervals";
import type { EtsModelCode } from "@/lib/analytics/forecast/ets-model";
import { selectEtsModel } from "@/lib/analytics/forecast/ets-select";
import { isSeasonalByAcf } from "@/lib/analytics/forecast/seasonality-test";
import type { EtsParameters, ForecastInput, ForecastPoint, ForecastResult } from "@/lib/analytics/forecast/types";
import { assertValidForecastInput } from "@/lib/analytics/forecast/validate-forecast-input";
import { smoothedSeasonalFigure } from "@/lib/analytics/forecast/weekly-seasonal-figure";

/**
 * Fewest points for ETS: ETS(A,N,N) has k = 3 parameters (α, ℓ₀, σ²) and every model needs n ≥ k + 4
 * (R's `n <= npars + 4` rule). Shorter series get the naive method.
 */
export const MIN_ETS_POINTS = 7;
/** Seasonal ETS (m = 4, 12) needs two full seasons plus a few points: n ≥ 2m + 4. */
export const SEASONAL_EXTRA_POINTS = 4;
/** Weekly period. Seasonal adjustment needs three years, n ≥ 3·52 (the M4 seasonality test's minimum). */
export const WEEKLY_SEASON = 52;
/** Fit whole-number series on log1p when at least this share of the values are zero … */
export const LOG1P_ZERO_SHARE = 0.1;
/** … or when the median count is below this. */
export const LOG1P_MEDIAN_BELOW = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function levelKey(level: number): string {
  return String(level);
}

/** Random-walk forecast on the data scale with normal intervals, se_h = σ·√h (R's `naive`). */
function naiveForecast(values: readonly number[], horizon: number, levels: readonly number[], sigma: number): ModelScaleForecast {
  const last = values[values.length - 1]!;
  const mean = new Array<number>(horizon).fill(last);
  return {
    mean,
    intervalMethod: "analytic",
    intervals: levels.map((level) => {
      const z = normalQuantile(0.5 + level / 200, 0, 1);
      return {
        level,
        lower: mean.map((f, i) => f - z * sigma * Math.sqrt(i + 1)),
        upper: mean.map((f, i) => f + z * sigma * Math.sqrt(i + 1)),
      };
    }),
  };
}

function parametersOf(fit: EtsFit): EtsParameters {
  const { spec, smoothing, initial } = fit;
  return {
    alpha: smoothing.alpha,
    ...(spec.trend !== "N" ? { beta: smoothing.beta } : {}),
    ...(spec.season !== "N" ? { gamma: smoothing.gamma } : {}),
    ...(spec.trend === "Ad" ? { phi: smoothing.phi } : {}),
    initial: {
      level: initial.level,
      ...(spec.trend !== "N" ? { trend: initial.trend } : {}),
      ...(spec.season !== "N" ? { seasonal: [...initial.seasonal] } : {}),
    },
  };
}

/**
 * Maps model-scale forecasts to the data scale: adds the weekly seasonal figure back, undoes log1p
 * (expm1 of the mean and of each bound: quantiles map through a monotone transform, and the mean
 * becomes the median), and floors everything at 0. Returns the rows and how many values were floored.
 */
function toDataScale(
  fc: ModelScaleForecast,
  offset: (h: number) => number,
  log1p: boolean,
): { rows: ForecastPoint[]; floored: number } {
  let floored = 0;
  const finish = (z: number) => {
    const v = log1p ? Math.expm1(z) : z;
    if (v < 0) {
      floored++;
      return 0;
    }
    return v;
  };
  const rows = fc.mean.map((f, h) => {
    const lower: Record<string, number> = {};
    const upper: Record<string, number> = {};
    for (const interval of fc.intervals) {
      lower[levelKey(interval.level)] = finish(interval.lower[h]! + offset(h));
      upper[levelKey(interval.level)] = finish(interval.upper[h]! + offset(h));
    }
    return { step: h + 1, mean: finish(f + offset(h)), lower, upper };
  });
  return { rows, floored };
}

/**
 * Forecasts a count series with automatic exponential smoothing, the method of R forecast's `ets()`
 * (Hyndman, Koehler, Ord & Snyder 2008; Hyndman & Khandakar 2008), plus seasonal-naive and Naive2
 * baselines. Pure and deterministic: the same input (and seed) gives the same output.
 *
 * What it does, in order (every step that changes the method is written to `notes`):
 * 1. Validates the input ({@link assertValidForecastInput}; throws `ForecastInputError`). The caller
 *    must already have dropped incomplete trailing periods (FAERS reporting lag): a truncated last
 *    month is read as a real fall in reports.
 * 2. Constant series (3+ equal values) → flat forecast with zero-width intervals. Fewer than
 *    {@link MIN_ETS_POINTS} points → naive random walk, σ from the first differences (n ≥ 3) or, for
 *    1–2 points, a Poisson-like σ² = max(mean, 1).
 * 3. Small counts (whole numbers with ≥ 10% zeros or a median below 10) are fitted on log1p(y),
 *    additive models only (as R does with a Box-Cox λ); forecasts and bounds are back-transformed with
 *    expm1, so `mean` is then the forecast median.
 * 4. Seasonality: quarterly/monthly series with n ≥ 2m + 4 may use seasonal ETS (period m). Weekly
 *    series (m = 52, beyond ETS's reach) with n ≥ 156 whose lag-52 autocorrelation is significant at
 *    90% are seasonally adjusted by a smoothed classical figure ({@link smoothedSeasonalFigure}), fitted
 *    with non-seasonal ETS, and re-seasonalised (R's `stlf` idea); otherwise non-seasonal ETS.
 * 5. Fits the {@link DEFAULT_MODELS} (multiplicative ones only for strictly positive data, untransformed)
 *    and picks the lowest AICc.
 * 6. Intervals: analytic for additive-error models, simulated (seeded, {@link ForecastInput.seed}) for
 *    multiplicative-error ones; all values floored at 0.
 */
export function forecastSeries(input: ForecastInput): ForecastResult {
  return forecastSeriesWith(input, {});
}

/** Engine settings that are not part of the public input (benchmarks and tests). */
export interface ForecastEngineOptions {
  /**
   * Candidate ETS models. Default {@link DEFAULT_MODELS}, the restricted set of analytics.md §1;
   * `ETS_MODEL_CODES` is R's full default set of 15.
   */
  models?: readonly EtsModelCode[];
}

/**
 * The candidate set (analytics.md §1): additive-error linear models plus multiplicative-error,
 * multiplicative-season ones. R's `ets()` also tries MNN, MAN, MAdN, MNA, MAA and MAdA; on the benchmark's
 * 20 R series they changed mean MASE from 1.027 to 1.029 (no gain) at ~40% more fitting time.
 */
export const DEFAULT_MODELS: readonly EtsModelCode[] = ["ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA", "MNM", "MAM", "MAdM"];

/** {@link forecastSeries} with engine settings (benchmarks compare candidate sets through this). */
export function forecastSeriesWith(input: ForecastInput, engine: ForecastEngineOptions): ForecastResult {
  const { values, frequency, horizon, levels, seed } = assertValidForecastInput(input);
  const n = values.length;
  const notes: string[] = [];
  const baselines = {
    seasonalNaive: seasonalNaive(values, frequency, horizon, levels).forecast,
    naive2: naive2(values, frequency, horizon, levels).forecast,
  };
  const base = {
    parameters: null,
    aicc: null,
    loglik: null,
    transform: "none" as const,
    seasonalAdjustment: null,
    seasonalPeriod: 1,
    candidates: [],
    baselines,
  };

  if (n >= 3 && values.every((v) => v === values[0])) {
    notes.push(`The series is constant (every value is ${values[0]}): forecast is that value with zero-width intervals.`);
    const fc = naiveForecast(values, horizon, levels, 0);
    return { ...base, method: "naive", model: "naive", sigma2: 0, intervalMethod: "none", notes, forecast: toDataScale(fc, () => 0, false).rows };
  }
  if (n < MIN_ETS_POINTS) {
    let sigma: number;
    if (n >= 3) {
      const diffs = values.slice(1).map((v, i) => v - values[i]!);
      sigma = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length);
      notes.push(`Only ${n} points (ETS needs at least ${MIN_ETS_POINTS}): naive forecast (last value), intervals from the spread of the ${diffs.length} period-to-period changes, widening with √h.`);
    } else {
      const mean = values.reduce((a, b) => a + b, 0) / n;
      sigma = Math.sqrt(Math.max(mean, 1));
      notes.push(`Only ${n} point${n === 1 ? "" : "s"} (ETS needs at least ${MIN_ETS_POINTS}): naive forecast (last value). Too few points to estimate variability, so intervals assume Poisson-like counts (variance = max(mean, 1)) widening with √h; treat them as rough.`);
    }
    const fc = naiveForecast(values, horizon, levels, sigma);
    const { rows, floored } = toDataScale(fc, () => 0, false);
    if (floored > 0) notes.push("Interval bounds below 0 were raised to 0 (counts cannot be negative).");
    return { ...base, method: "naive", model: "naive", sigma2: sigma * sigma, intervalMethod: "analytic", notes, forecast: rows };
  }

  const zeroShare = values.filter((v) => v === 0).length / n;
  const medianValue = median(values);
  const counts = values.every(Number.isInteger);
  const log1p = counts && (zeroShare >= LOG1P_ZERO_SHARE || medianValue < LOG1P_MEDIAN_BELOW);
  let z = log1p ? values.map(Math.log1p) : [...values];
  if (log1p) {
    notes.push(
      `Small counts (${Math.round(zeroShare * 100)}% zeros, median ${medianValue}): fitted on log(1 + y), additive models only, and back-transformed with exp(·) − 1; the point forecast is the forecast median.`,
    );
  }

  let etsPeriod = 1;
  let seasonalEts = false;
  let figure: number[] | null = null;
  if (frequency === 4 || frequency === 12) {
    if (n >= 2 * frequency + SEASONAL_EXTRA_POINTS) {
      seasonalEts = true;
      etsPeriod = frequency;
    } else {
      notes.push(`Seasonal models need at least ${2 * frequency + SEASONAL_EXTRA_POINTS} points (two full seasons + ${SEASONAL_EXTRA_POINTS}); with ${n}, only non-seasonal models were tried.`);
    }
  } else if (frequency === WEEKLY_SEASON) {
    if (n < 3 * WEEKLY_SEASON) {
      notes.push(`Weekly data: ETS cannot model a 52-week season, and with ${n} weeks (< ${3 * WEEKLY_SEASON}) a seasonal adjustment is not reliable; non-seasonal models only.`);
    } else if (!isSeasonalByAcf(z, WEEKLY_SEASON)) {
      notes.push("Weekly data: the lag-52 autocorrelation is not significant at 90% (M4 seasonality test), so no seasonal adjustment; non-seasonal models only.");
    } else {
      figure = smoothedSeasonalFigure(z, WEEKLY_SEASON);
      const seasonalFigure = figure;
      z = z.map((v, t) => v - seasonalFigure[t % WEEKLY_SEASON]!);
      notes.push(
        "Weekly data: ETS cannot model a 52-week season (R's ets refuses periods above 24). A smoothed classical seasonal figure of period 52 was removed, a non-seasonal ETS fitted to the adjusted series, and the figure added back to the forecasts; intervals do not include the figure's own uncertainty.",
      );
    }
  }

  const multiplicative = !log1p && z.every((v) => v > 0);
  if (!multiplicative && !log1p) notes.push("The series has zeros (or the adjusted series non-positive values): multiplicative models were not considered.");
  const selection = selectEtsModel(z, { m: etsPeriod, seasonal: seasonalEts, multiplicative, models: engine.models ?? DEFAULT_MODELS });
  if (!selection) {
    const diffs = values.slice(1).map((v, i) => v - values[i]!);
    const sigma = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length);
    notes.push("No ETS model could be fitted: naive forecast (last value) with random-walk intervals.");
    const { rows } = toDataScale(naiveForecast(values, horizon, levels, sigma), () => 0, false);
    return { ...base, method: "naive", model: "naive", sigma2: sigma * sigma, intervalMethod: "analytic", notes, forecast: rows };
  }
  if (selection.skippedForLength.length > 0) {
    notes.push(`Too few points for ${selection.skippedForLength.join(", ")} (a model with k parameters needs n ≥ k + 4); not tried.`);
  }
  const { best } = selection;
  const fc = forecastEtsFit(best, horizon, levels, seed);
  if (fc.intervalMethod === "simulation") {
    notes.push(`Prediction intervals simulated from ${SIMULATION_PATHS} sample paths (seed ${seed}) because ETS(${best.code}) has multiplicative errors.`);
  }
  const offset = figure ? (h: number) => figure[(n + h) % WEEKLY_SEASON]! : () => 0;
  const { rows, floored } = toDataScale(fc, offset, log1p);
  if (floored > 0) notes.push(`${floored} forecast value${floored === 1 ? "" : "s"} or interval bound${floored === 1 ? " was" : "s were"} below 0 and raised to 0 (counts cannot be negative).`);
  return {
    method: "ets",
    model: best.code,
    parameters: parametersOf(best),
    aicc: best.aicc,
    loglik: best.loglik,
    sigma2: best.sigma2,
    transform: log1p ? "log1p" : "none",
    seasonalAdjustment: figure ? { method: "classical-smoothed", period: 52 } : null,
    seasonalPeriod: best.m,
    intervalMethod: fc.intervalMethod,
    notes,
    candidates: selection.candidates.map((c) => ({ model: c.code, aicc: c.aicc })),
    forecast: rows,
    baselines,
  };
}
