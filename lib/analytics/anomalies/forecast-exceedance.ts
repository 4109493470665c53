import { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";
import { computeScore, toAnomalyScore } from "@/lib/analytics/anomalies/compute-score";
import type { Anomaly } from "@/lib/analytics/anomalies/types";

/** One forecast step: point forecast and the upper prediction bound (e.g. the 99% PI). */
export type ForecastStep = { mean: number; upper: number };

/**
 * Flags the periods whose observed count exceeds a precomputed forecast's upper prediction bound
 * (analytics.md §2: alarm when the count is above the 99% upper PI). `forecast[i]` is the forecast
 * for `observed[i]`; `startIndex` (default 0) is added to the reported indices so that they refer
 * to the full series when only its hold-out tail is passed.
 * expected = mean, upperBound = upper, score = (observed - mean) / (upper - mean).
 * Throws AnomalyInputError when the lengths differ, a value is not finite, or upper < mean.
 */
export function detectForecastExceedances(input: {
  observed: readonly number[];
  forecast: readonly ForecastStep[];
  startIndex?: number;
}): Anomaly[] {
  const { observed, forecast } = input;
  const offset = input.startIndex ?? 0;
  if (observed.length !== forecast.length) {
    throw new AnomalyInputError(`observed has ${observed.length} values but forecast has ${forecast.length} steps; pass one forecast step per observed period`);
  }
  const anomalies: Anomaly[] = [];
  observed.forEach((value, i) => {
    const step = forecast[i]!;
    if (!Number.isFinite(value) || !Number.isFinite(step.mean) || !Number.isFinite(step.upper)) {
      throw new AnomalyInputError(`period ${i + offset}: observed, mean and upper must be finite numbers`);
    }
    if (step.upper < step.mean) throw new AnomalyInputError(`period ${i + offset}: upper bound ${step.upper} is below the forecast mean ${step.mean}`);
    if (value > step.upper) {
      anomalies.push({ index: i + offset, observed: value, expected: step.mean, upperBound: step.upper, alarm: true, score: toAnomalyScore(computeScore(value, step.mean, step.upper)), method: "forecast_interval" });
    }
  });
  return anomalies;
}
