import { ForecastInputError } from "@/lib/analytics/forecast/forecast-input-error";
import type { ForecastFrequency, ForecastInput } from "@/lib/analytics/forecast/types";

export const MAX_FORECAST_POINTS = 5000;
export const MAX_HORIZON = 60;
export const MAX_LEVELS = 5;
const FREQUENCIES: readonly number[] = [1, 4, 12, 52];

export interface ValidForecastInput {
  values: number[];
  frequency: ForecastFrequency;
  horizon: number;
  /** Sorted ascending, duplicates removed. */
  levels: number[];
  seed: number;
}

/**
 * Checks the input of `forecastSeries` and throws {@link ForecastInputError} with an actionable message:
 * 1–5,000 finite, non-negative values; frequency 1, 4, 12 or 52; a whole horizon 1–60; 1–5 levels
 * strictly between 0 and 100; a non-negative integer seed (≤ 2³²−1).
 */
export function assertValidForecastInput(input: ForecastInput): ValidForecastInput {
  const { values } = input;
  if (!Array.isArray(values) || values.length === 0) {
    throw new ForecastInputError("values", "values must be a non-empty array of counts, oldest first");
  }
  if (values.length > MAX_FORECAST_POINTS) {
    throw new ForecastInputError("values", `values has ${values.length} points; the limit is ${MAX_FORECAST_POINTS}. Aggregate to a coarser period or send the most recent ${MAX_FORECAST_POINTS}.`);
  }
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ForecastInputError("values", `values[${i}] is ${String(v)}; every value must be a finite number (fill gaps with 0 or drop incomplete periods)`);
    }
    if (v < 0) throw new ForecastInputError("values", `values[${i}] is ${v}; counts cannot be negative`);
  });
  if (!FREQUENCIES.includes(input.frequency)) {
    throw new ForecastInputError("frequency", `frequency is ${String(input.frequency)}; use 1 (yearly), 4 (quarterly), 12 (monthly) or 52 (weekly)`);
  }
  if (!Number.isInteger(input.horizon) || input.horizon < 1 || input.horizon > MAX_HORIZON) {
    throw new ForecastInputError("horizon", `horizon is ${String(input.horizon)}; it must be a whole number of periods from 1 to ${MAX_HORIZON}`);
  }
  const levels = input.levels ?? [80, 95];
  if (!Array.isArray(levels) || levels.length === 0 || levels.length > MAX_LEVELS) {
    throw new ForecastInputError("levels", `give 1 to ${MAX_LEVELS} interval levels, e.g. [80, 95]`);
  }
  for (const level of levels) {
    if (typeof level !== "number" || !Number.isFinite(level) || level <= 0 || level >= 100) {
      throw new ForecastInputError("levels", `level ${String(level)} is not a percentage strictly between 0 and 100 (e.g. 80 or 95)`);
    }
  }
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ForecastInputError("seed", `seed is ${String(seed)}; it must be a whole number from 0 to 4294967295`);
  }
  return {
    values: [...values],
    frequency: input.frequency,
    horizon: input.horizon,
    levels: [...new Set(levels)].sort((a, b) => a - b),
    seed,
  };
}
