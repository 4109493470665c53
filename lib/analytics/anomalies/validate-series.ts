import { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";

export const MAX_SERIES_LENGTH = 5000;
export const FREQUENCIES = [1, 4, 12, 52] as const;

/**
 * Throws AnomalyInputError unless `values` is an array of at most 5,000 finite numbers (and
 * non-negative when `counts` is set) and `frequency` is 1, 4, 12 or 52. Messages name the first
 * offending position so the caller can fix the data.
 */
export function assertValidSeries(values: unknown, frequency: unknown, counts: boolean): asserts values is number[] {
  if (!Array.isArray(values)) throw new AnomalyInputError("values must be an array of numbers, one per period, oldest first");
  if (values.length > MAX_SERIES_LENGTH) {
    throw new AnomalyInputError(`values has ${values.length} points; at most ${MAX_SERIES_LENGTH} are accepted: aggregate to a coarser period or pass the most recent ${MAX_SERIES_LENGTH}`);
  }
  if (!FREQUENCIES.includes(frequency as never)) {
    throw new AnomalyInputError(`frequency must be 1 (yearly), 4 (quarterly), 12 (monthly) or 52 (weekly), got ${String(frequency)}`);
  }
  values.forEach((v: unknown, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new AnomalyInputError(`values[${i}] is ${String(v)}; every value must be a finite number (use 0 for a period with no reports)`);
    }
    if (counts && v < 0) {
      throw new AnomalyInputError(`values[${i}] is ${v}; counts must be non-negative (use method "shesd" for series that can go negative)`);
    }
  });
}
