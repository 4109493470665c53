import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { computeScore } from "@/lib/analytics/anomalies/compute-score";
import { computeMeanSd } from "@/lib/analytics/anomalies/robust-statistics";
import type { PeriodAssessment } from "@/lib/analytics/anomalies/types";

export type EarsVariant = "C1" | "C2" | "C3";

export type EarsOptions = {
  variant: EarsVariant;
  /** Periods in the moving baseline (R surveillance: 7, minimum 3). */
  baseline?: number;
  /** Floor on the baseline standard deviation (R: 0; Burkom suggests 0.5 or 1 for sparse counts). */
  minSigma?: number;
  /** One-sided error rate; the threshold uses z = qnorm(1 - alpha). R: 0.001 for C1/C2, 0.025 for C3. */
  alpha?: number;
};

export const EARS_DEFAULT_BASELINE = 7;

/** Baseline standard deviation after the minSigma floor, and for C3 the carried excess of t-1, t-2. */
export type EarsAssessment = PeriodAssessment & { sigma: number; carried: number };

/** Default alpha per variant, as `surveillance::earsC` when `control$alpha` is NULL (the CDC choices). */
export function getEarsDefaultAlpha(variant: EarsVariant): number {
  return variant === "C3" ? 0.025 : 0.001;
}

/** Index of the first period a variant can assess: baseline, baseline + 2 or baseline + 4 (0-based). */
export function getEarsFirstIndex(variant: EarsVariant, baseline = EARS_DEFAULT_BASELINE): number {
  return variant === "C1" ? baseline : variant === "C2" ? baseline + 2 : baseline + 4;
}

/** Mean and floored sd of the baseline window ending `lag` periods before t. */
function baselineStats(values: readonly number[], t: number, baseline: number, lag: number, minSigma: number) {
  const { mean, sd } = computeMeanSd(values.slice(t - lag - baseline + 1, t - lag + 1));
  return { mean, sigma: Math.max(sd, minSigma) };
}

/** C2 statistic (y - mean) / sigma, with a zero-width baseline read as "no excess" when y equals the mean. */
function c2Statistic(values: readonly number[], t: number, baseline: number, minSigma: number): number {
  const { mean, sigma } = baselineStats(values, t, baseline, 3, minSigma);
  const diff = values[t]! - mean;
  if (sigma > 0) return diff / sigma;
  return diff > 0 ? Number.POSITIVE_INFINITY : diff < 0 ? Number.NEGATIVE_INFINITY : 0;
}

/**
 * CDC EARS C1, C2 and C3 (Hutwagner et al. 2003; as `surveillance::earsC`, Salmon et al. 2016).
 * For each period t from `getEarsFirstIndex` on:
 * - C1: baseline y[t-7..t-1]; expected = mean, threshold U1 = mean + z·max(sd, minSigma).
 * - C2: the same with a 2-period guard band, baseline y[t-9..t-3].
 * - C3: C3(t) = C2(t) + max(0, C2(t-1) - 1) + max(0, C2(t-2) - 1); threshold
 *   U3 = mean2(t) + sigma2(t)·(z - max(0, C2(t-1) - 1) - max(0, C2(t-2) - 1)), floored at 0. This is the
 *   formula documented in `?earsC` and the JSS paper. surveillance 1.20.3's code adds the excess term to
 *   `observed(t)` instead of `mean2(t)`, so its C3 alarm ignores the current count; we follow the
 *   documented formula (tests check that the two differ by exactly observed - mean).
 *   U3 can fall below the baseline mean after two strong periods: that is how C3 carries an alarm on.
 * z = qnorm(1 - alpha); sd has an n - 1 denominator. Alarm: observed > threshold (strict, as R).
 * With sd = 0 and minSigma = 0 a C2 excess is ±Infinity (R: NaN for 0/0, here 0).
 * Returns one assessment per assessable period; none if the series is too short.
 */
export function computeEars(values: readonly number[], options: EarsOptions): EarsAssessment[] {
  const baseline = options.baseline ?? EARS_DEFAULT_BASELINE;
  const minSigma = options.minSigma ?? 0;
  const z = normalQuantile(1 - (options.alpha ?? getEarsDefaultAlpha(options.variant)), 0, 1);
  const out: EarsAssessment[] = [];
  for (let t = getEarsFirstIndex(options.variant, baseline); t < values.length; t++) {
    const observed = values[t]!;
    const { mean: expected, sigma } = baselineStats(values, t, baseline, options.variant === "C1" ? 1 : 3, minSigma);
    let carried = 0;
    let threshold = expected + z * sigma;
    if (options.variant === "C3") {
      carried =
        Math.max(0, c2Statistic(values, t - 1, baseline, minSigma) - 1) +
        Math.max(0, c2Statistic(values, t - 2, baseline, minSigma) - 1);
      threshold = Math.max(0, sigma > 0 ? expected + sigma * (z - carried) : expected);
    }
    out.push({ index: t, observed, expected, threshold, alarm: observed > threshold, score: computeScore(observed, expected, threshold), sigma, carried });
  }
  return out;
}
