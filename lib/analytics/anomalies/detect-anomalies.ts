import { chooseAutoMethod } from "@/lib/analytics/anomalies/choose-auto-method";
import { toAnomalyScore } from "@/lib/analytics/anomalies/compute-score";
import { computeEars, EARS_DEFAULT_BASELINE, getEarsDefaultAlpha, getEarsFirstIndex, type EarsVariant } from "@/lib/analytics/anomalies/ears-c";
import { computeFarringtonFlexible, FARRINGTON_NOUFAILY_DEFAULTS } from "@/lib/analytics/anomalies/farrington-flexible";
import { chooseFarringtonB, FARRINGTON_PRESETS } from "@/lib/analytics/anomalies/farrington-presets";
import { computeShesd, SHESD_DEFAULTS } from "@/lib/analytics/anomalies/shesd";
import type { Anomaly, Frequency, PeriodAssessment } from "@/lib/analytics/anomalies/types";
import { assertValidSeries } from "@/lib/analytics/anomalies/validate-series";

export { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";
export type { Anomaly, Frequency } from "@/lib/analytics/anomalies/types";

export type DetectableMethod = "ears_c1" | "ears_c2" | "ears_c3" | "farrington" | "shesd";

export type DetectAnomaliesInput = {
  /** One count per period, oldest first (at most 5,000). */
  values: readonly number[];
  frequency: Frequency;
  method?: DetectableMethod | "auto";
};

export type DetectAnomaliesResult = {
  /** The method that ran ("none" when the series is too short for any). */
  method: DetectableMethod | "none";
  parameters: Record<string, number | string | boolean | null>;
  /** Flagged periods, by index. */
  anomalies: Anomaly[];
  /** First index the method could assess (periods before it are never flagged); null for "none". */
  assessedFrom: number | null;
  /** Plain-language remarks: fallbacks, shortened baselines, skipped decompositions. */
  notes: string[];
};

/** EARS sd floor used by detectAnomalies (R's default 0). See README "Choosing the default". */
export const EARS_MIN_SIGMA = 0;

type Run = { parameters: DetectAnomaliesResult["parameters"]; assessments: PeriodAssessment[]; notes: string[] };

const EARS_VARIANT: Record<string, EarsVariant> = { ears_c1: "C1", ears_c2: "C2", ears_c3: "C3" };

/** Runs one method, or returns null when the series is too short for it. */
function runMethod(method: DetectableMethod, values: readonly number[], frequency: Frequency): Run | null {
  const n = values.length;
  if (method === "farrington") {
    const b = chooseFarringtonB(n, frequency);
    if (b === null) return null;
    const preset = FARRINGTON_PRESETS[frequency];
    const options = { ...FARRINGTON_NOUFAILY_DEFAULTS, ...preset, frequency, b };
    const notes = b < FARRINGTON_NOUFAILY_DEFAULTS.b ? [`Farrington uses ${b} year(s) of history instead of ${FARRINGTON_NOUFAILY_DEFAULTS.b}: the series is ${n} periods long.`] : [];
    if (b < 3) notes.push("With fewer than 3 years of history the time trend is never fitted (as in R's farringtonFlexible).");
    const { w, noPeriods, pastPeriodsNotIncluded, alpha, thresholdMethod, weightsThreshold, pThresholdTrend } = options;
    return {
      parameters: { frequency, b, w, noPeriods, pastPeriodsNotIncluded, alpha, thresholdMethod, weightsThreshold, pThresholdTrend, limit54Cases: 5, limit54Periods: 4 },
      assessments: computeFarringtonFlexible(values, options),
      notes,
    };
  }
  if (method === "shesd") {
    if (n < 3) return null;
    const decomposed = frequency >= 2 && n > 2 * frequency;
    const longtermPeriod = frequency >= 4 && n > 8 * frequency ? 4 * frequency : undefined;
    const notes: string[] = [];
    if (!decomposed) {
      notes.push(frequency === 1 ? "Yearly data: no seasonal decomposition, ESD on median-centred values." : `Fewer than ${2 * frequency + 1} periods: no seasonal decomposition, ESD on median-centred values.`);
    }
    if (longtermPeriod) notes.push(`Long series: S-H-ESD runs on ${longtermPeriod}-period windows, each with its own median (Twitter's piecewise approach).`);
    return {
      parameters: { period: frequency, maxAnoms: SHESD_DEFAULTS.maxAnoms, alpha: SHESD_DEFAULTS.alpha, direction: SHESD_DEFAULTS.direction, longtermPeriod: longtermPeriod ?? null },
      assessments: computeShesd(values, { period: decomposed ? frequency : 1, longtermPeriod }),
      notes,
    };
  }
  const variant = EARS_VARIANT[method]!;
  if (n <= getEarsFirstIndex(variant)) return null;
  return {
    parameters: { baseline: EARS_DEFAULT_BASELINE, alpha: getEarsDefaultAlpha(variant), minSigma: EARS_MIN_SIGMA },
    assessments: computeEars(values, { variant, minSigma: EARS_MIN_SIGMA }),
    notes: [],
  };
}

const FALLBACKS: Record<DetectableMethod, DetectableMethod[]> = {
  farrington: ["farrington", "ears_c3", "ears_c2", "ears_c1"],
  ears_c3: ["ears_c3", "ears_c2", "ears_c1"],
  ears_c2: ["ears_c2", "ears_c1"],
  ears_c1: ["ears_c1"],
  shesd: ["shesd"],
};

/**
 * Spike detection on a count series: runs one method (or the measured default for "auto", see
 * `chooseAutoMethod`) and returns the flagged periods with their expected value, threshold and score.
 * - Validation (throws AnomalyInputError): an array of at most 5,000 finite values, frequency 1, 4,
 *   12 or 52, values non-negative except for "shesd" ("auto" with negative values picks "shesd").
 * - A series too short for the requested method falls back along farrington → ears_c3 → ears_c2 →
 *   ears_c1, with a note; shorter than 8 periods (3 for shesd) returns method "none" with a note.
 * Minimum lengths: EARS C1 8, C2 10, C3 12 periods; Farrington one reference year plus its window
 * (weekly 56, monthly 26, quarterly 13, yearly 4 periods), with b = min(5, years available).
 * Pure: no I/O, no clock; deterministic for a given input.
 */
export function detectAnomalies(input: DetectAnomaliesInput): DetectAnomaliesResult {
  const requested = input.method ?? "auto";
  assertValidSeries(input.values, input.frequency, requested !== "shesd" && requested !== "auto");
  const values = input.values;
  const notes: string[] = [];
  let first: DetectableMethod;
  if (requested === "auto") {
    if (values.some((v) => v < 0)) {
      first = "shesd";
      notes.push("auto: the series has negative values, so the count methods (EARS, Farrington) do not apply; using S-H-ESD.");
    } else {
      first = chooseAutoMethod(input.frequency, values.length);
      notes.push(`auto: ${first} is the measured default for frequency ${input.frequency} and ${values.length} periods (see lib/analytics/anomalies/README.md).`);
    }
  } else {
    first = requested;
  }
  for (const method of FALLBACKS[first]) {
    const run = runMethod(method, values, input.frequency);
    if (!run) continue;
    if (method !== first) notes.push(`${first} needs a longer series than ${values.length} periods; fell back to ${method}.`);
    const anomalies = run.assessments
      .filter((a) => a.alarm)
      .map(({ index, observed, expected, threshold, score }) => ({ index, observed, expected, threshold, score: toAnomalyScore(score), method }));
    const assessedFrom = method === "shesd" ? 0 : (run.assessments[0]?.index ?? null);
    return { method, parameters: run.parameters, anomalies, assessedFrom, notes: [...notes, ...run.notes] };
  }
  notes.push(`The series has ${values.length} periods: too short for ${first} (EARS needs at least 8, S-H-ESD 3). Nothing was assessed.`);
  return { method: "none", parameters: {}, anomalies: [], assessedFrom: null, notes };
}
