import { computeScore, toAnomalyScore } from "@/lib/analytics/anomalies/compute-score";
import { computeMeanSd } from "@/lib/analytics/anomalies/robust-statistics";
import type { PeriodAssessment } from "@/lib/analytics/anomalies/types";

export type EarsVariant = "C1" | "C2" | "C3";

export type EarsOptions = {
  variant: EarsVariant;
  /** Periods in the moving baseline (default 7, CDC). */
  baseline?: number;
  /** Periods between the baseline and t for C2 and C3 (default 2, CDC); C1 has none. */
  guard?: number;
  /** Alarm threshold: C1/C2 on (y - mean)/sd, C3 on the summed statistic (default 3 and 2, CDC). */
  threshold?: number;
  /** Floor on the baseline standard deviation (R: 0; Burkom suggests 0.5 or 1 for sparse counts). */
  minSigma?: number;
};

export const EARS_DEFAULTS = { baseline: 7, guard: 2, minSigma: 0 } as const;

/** CDC's EARS thresholds: C1 and C2 flag above 3 standard deviations, C3 above 2 on its summed statistic. */
export function getEarsDefaultThreshold(variant: EarsVariant): number {
  return variant === "C3" ? 2 : 3;
}

/** Index of the first period a variant can assess (0-based): baseline, + guard for C2, + guard + 2 for C3. */
export function getEarsFirstIndex(variant: EarsVariant, baseline: number = EARS_DEFAULTS.baseline, guard: number = EARS_DEFAULTS.guard): number {
  return variant === "C1" ? baseline : variant === "C2" ? baseline + guard : baseline + guard + 2;
}

/** C1, C2: the standardized excess; C3: that of t plus the carried excess of t-1 and t-2. */
export type EarsAssessment = PeriodAssessment & { sigma: number; carried: number; statistic: number };

/** Mean and floored sd of the baseline window that ends `lag` periods before t. */
function baselineStats(values: readonly number[], t: number, baseline: number, lag: number, minSigma: number) {
  const { mean, sd } = computeMeanSd(values.slice(t - lag - baseline + 1, t - lag + 1));
  return { mean, sigma: Math.max(sd, minSigma) };
}

/** (y - mean) / sigma, with a zero-width baseline read as "no excess" when y equals the mean. */
function standardizedExcess(observed: number, mean: number, sigma: number): number {
  const diff = observed - mean;
  if (sigma > 0) return diff / sigma;
  return diff > 0 ? Number.POSITIVE_INFINITY : diff < 0 ? Number.NEGATIVE_INFINITY : 0;
}

/**
 * CDC EARS C1, C2 and C3 (Hutwagner et al. 2003; as `surveillance::earsC`, Salmon et al. 2016).
 * For each period t from `getEarsFirstIndex` on, with baseline B and guard g:
 * - C1: baseline y[t-B..t-1]; expected = mean, upperBound U1 = mean + threshold·max(sd, minSigma).
 * - C2: the same over y[t-g-B..t-g-1] (a g-period guard band).
 * - C3: C3(t) = C2(t) + max(0, C2(t-1) - 1) + max(0, C2(t-2) - 1), alarm when C3(t) > threshold;
 *   in counts U3 = mean2(t) + sigma2(t)·(threshold - carried), floored at 0. This is the formula of
 *   `?earsC` and the JSS paper; surveillance 1.20.3's code adds the excess term to observed(t) instead
 *   of mean2(t) (tests check the two differ by exactly observed - mean).
 *   U3 can fall below the baseline mean after two strong periods: that is how C3 carries an alarm on.
 * R's `alpha` is 1 - pnorm(threshold): CDC's 3 and 2 are alpha 0.00135 and 0.02275 (R's own
 * defaults, 0.001 and 0.025, are 3.09 and 1.96). sd has an n - 1 denominator. Alarm: observed >
 * upperBound (strict, as R). With sd = 0 and minSigma = 0 a C2 excess is ±Infinity (R: NaN for 0/0).
 * Returns one assessment per assessable period; none if the series is too short.
 */
export function computeEars(values: readonly number[], options: EarsOptions): EarsAssessment[] {
  const baseline = options.baseline ?? EARS_DEFAULTS.baseline;
  const guard = options.variant === "C1" ? 0 : (options.guard ?? EARS_DEFAULTS.guard);
  const minSigma = options.minSigma ?? EARS_DEFAULTS.minSigma;
  const threshold = options.threshold ?? getEarsDefaultThreshold(options.variant);
  const lag = guard + 1;
  const c2At = (t: number) => {
    const { mean, sigma } = baselineStats(values, t, baseline, lag, minSigma);
    return standardizedExcess(values[t]!, mean, sigma);
  };
  const out: EarsAssessment[] = [];
  for (let t = getEarsFirstIndex(options.variant, baseline, guard); t < values.length; t++) {
    const observed = values[t]!;
    const { mean: expected, sigma } = baselineStats(values, t, baseline, lag, minSigma);
    let carried = 0;
    let upperBound = expected + threshold * sigma;
    if (options.variant === "C3") {
      carried = Math.max(0, c2At(t - 1) - 1) + Math.max(0, c2At(t - 2) - 1);
      upperBound = Math.max(0, sigma > 0 ? expected + sigma * (threshold - carried) : expected);
    }
    const statistic = standardizedExcess(observed, expected, sigma) + carried;
    out.push({
      index: t,
      observed,
      expected,
      upperBound,
      alarm: observed > upperBound,
      score: toAnomalyScore(computeScore(observed, expected, upperBound)),
      sigma,
      carried,
      statistic,
    });
  }
  return out;
}
