import { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";

/** Longest series per request: EARS and Farrington 5,000 periods, S-H-ESD 20,000 points (minute data). */
export const MAX_SERIES_LENGTH = 5000;
export const MAX_SHESD_SERIES_LENGTH = 20_000;
export const FREQUENCIES = [1, 4, 12, 52] as const;

/**
 * Throws AnomalyInputError unless `values` is an array of at most `maxLength` finite numbers (and
 * non-negative when `counts` is set) and `frequency` is 1, 4, 12 or 52 (or absent when `frequencyOptional`).
 * Messages name the first offending position so the caller can fix the data.
 */
export function assertValidSeries(
  values: unknown,
  frequency: unknown,
  options: { counts: boolean; maxLength: number; method: string; frequencyOptional?: boolean },
): asserts values is number[] {
  if (!Array.isArray(values)) throw new AnomalyInputError("values must be an array of numbers, one per period, oldest first", { parameter: "series" });
  if (values.length > options.maxLength) {
    const more = options.maxLength < MAX_SHESD_SERIES_LENGTH ? `, or use method "shesd" (up to ${MAX_SHESD_SERIES_LENGTH})` : "";
    throw new AnomalyInputError(
      `values has ${values.length} points; ${options.method} takes at most ${options.maxLength}: aggregate to a coarser period or pass the most recent ${options.maxLength}${more}`,
      { parameter: "series", points: values.length, maxPoints: options.maxLength, method: options.method },
    );
  }
  if (!(frequency === undefined && options.frequencyOptional) && !FREQUENCIES.includes(frequency as never)) {
    throw new AnomalyInputError(`frequency must be 1 (yearly), 4 (quarterly), 12 (monthly) or 52 (weekly), got ${String(frequency)}`, { parameter: "frequency" });
  }
  values.forEach((v: unknown, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new AnomalyInputError(`values[${i}] is ${String(v)}; every value must be a finite number (use 0 for a period with no reports)`, { parameter: "series", position: i });
    }
    if (options.counts && v < 0) {
      throw new AnomalyInputError(`values[${i}] is ${v}; counts must be non-negative (use method "shesd" for series that can go negative)`, { parameter: "series", position: i });
    }
  });
}
