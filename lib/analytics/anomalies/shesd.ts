import { runGeneralizedEsd, type EsdDirection, type EsdStep } from "@/lib/analytics/anomalies/generalized-esd";
import { computeMedian, computeQuantile } from "@/lib/analytics/anomalies/robust-statistics";
import { decomposeStl } from "@/lib/analytics/anomalies/stl";
import type { PeriodAssessment } from "@/lib/analytics/anomalies/types";

/** Twitter's `threshold`: keep only flags at or above the median, 95th or 99th percentile of the per-period maxima. */
export type ShesdThreshold = "none" | "med_max" | "p95" | "p99";

export type ShesdOptions = {
  /** Observations per seasonal cycle; null (or a window of at most two cycles) skips the decomposition. */
  period: number | null;
  /** Upper bound on anomalies as a fraction of the points (Twitter: max_anoms, < 0.5). */
  maxAnoms?: number;
  alpha?: number;
  direction?: EsdDirection;
  /**
   * Window length in points for long series (Twitter's longterm_period): the series is cut into
   * consecutive windows of this length (the last one ending at the end of the series, so it may
   * overlap), each with its own decomposition and median. Null = one window.
   */
  longtermPeriod?: number | null;
  threshold?: ShesdThreshold;
  /** Report flags only within the last `period` points (Twitter's only_last). */
  onlyLast?: boolean;
};

export const SHESD_DEFAULTS = { maxAnoms: 0.02, alpha: 0.05, direction: "pos", threshold: "none", onlyLast: false } as const;

/**
 * One point of an S-H-ESD run. `expected` is seasonal + the window's median, `residual` the
 * observation minus it. For a point the ESD loop tested: the step number (1-based), its R_i
 * (`statistic`) and lambda_i (`critical`), and the bounds in counts, expected + median_i ± lambda_i·MAD_i
 * of the residuals left at that step (`upperBound` for pos and both, `lowerBound` for neg and both).
 * `significant`: generalized ESD counts it as an outlier; `alarm`: also passes `threshold` and `onlyLast`.
 */
export type ShesdAssessment = PeriodAssessment & {
  lowerBound: number | null;
  residual: number;
  step: number | null;
  statistic: number | null;
  critical: number | null;
  significant: boolean;
};

export type ShesdRun = {
  assessments: ShesdAssessment[];
  /** Per window: its range and, with a threshold, the count a flag had to reach. */
  windows: Array<{ start: number; end: number; decomposed: boolean; thresholdValue: number | null }>;
};

/** Windows [start, end) as Twitter's AnomalyDetectionVec cuts them. */
function toWindows(n: number, longtermPeriod: number | null | undefined): Array<[number, number]> {
  if (!longtermPeriod || longtermPeriod >= n) return [[0, n]];
  const windows: Array<[number, number]> = [];
  for (let start = 0; start < n; start += longtermPeriod) {
    windows.push(start + longtermPeriod <= n ? [start, start + longtermPeriod] : [n - longtermPeriod, n]);
  }
  return windows;
}

/** The count Twitter's `threshold` asks a flag to reach: a quantile of the maxima of consecutive `period`-point chunks. */
function thresholdValue(x: readonly number[], period: number, threshold: ShesdThreshold): number | null {
  if (threshold === "none") return null;
  const maxima: number[] = [];
  for (let i = 0; i < x.length; i += period) maxima.push(Math.max(...x.slice(i, i + period)));
  return threshold === "med_max" ? computeMedian(maxima) : computeQuantile(maxima, threshold === "p95" ? 0.95 : 0.99);
}

function assessWindow(x: readonly number[], start: number, o: Required<ShesdOptions>): { assessments: ShesdAssessment[]; decomposed: boolean; cut: number | null } {
  const n = x.length;
  const decomposed = o.period !== null && o.period >= 2 && n > 2 * o.period;
  const seasonal = decomposed ? decomposeStl(x, { period: o.period!, seasonalWindow: "periodic", robust: true }).seasonal : new Array<number>(n).fill(0);
  const level = computeMedian(x);
  const residual = x.map((v, i) => v - seasonal[i]! - level);
  const maxOutliers = Math.max(1, Math.trunc(n * Math.max(o.maxAnoms, 1 / n)));
  // Residuals of a constant series are rounding noise (~1e-15): never test against that scale.
  const minScale = 1e-9 * Math.max(1, Math.abs(level));
  const esd = runGeneralizedEsd(residual, { maxOutliers, alpha: o.alpha, direction: o.direction, minScale });
  const stepOf = new Map<number, { step: EsdStep; number: number }>(esd.tested.map((step, i) => [step.position, { step, number: i + 1 }]));
  const cut = thresholdValue(x, o.period ?? n, o.threshold);
  const assessments = x.map((observed, i): ShesdAssessment => {
    const expected = seasonal[i]! + level;
    const tested = stepOf.get(i);
    const base = { index: start + i, observed, expected, residual: residual[i]! };
    if (!tested) return { ...base, upperBound: null, lowerBound: null, alarm: false, score: null, step: null, statistic: null, critical: null, significant: false };
    const { step, number } = tested;
    const reach = step.critical * step.scale;
    const upperBound = o.direction === "neg" ? null : expected + step.center + reach;
    const lowerBound = o.direction === "pos" ? null : expected + step.center - reach;
    const significant = number <= esd.significant;
    return {
      ...base,
      upperBound,
      lowerBound,
      alarm: significant && (cut === null || observed >= cut),
      score: step.statistic / step.critical,
      step: number,
      statistic: step.statistic,
      critical: step.critical,
      significant,
    };
  });
  return { assessments, decomposed, cut };
}

/**
 * Seasonal Hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017; Twitter's AnomalyDetectionVec).
 * Per window: remainder = x - seasonal - median(x), where seasonal comes from robust STL with a
 * periodic seasonal (R: stl(s.window = "periodic", robust = TRUE), see `decomposeStl`); the trend is
 * not subtracted, as in Twitter's code. Then `runGeneralizedEsd` with at most
 * trunc(window length · maxAnoms) anomalies (at least 1). `threshold` drops flags below a quantile
 * of the window's per-period maxima (so it also drops every low flag), `onlyLast` every flag before
 * the last `period` points, both as Twitter. Returns every point: a point in two overlapping windows
 * keeps the first window's assessment unless only the later one flags it. Score = R_i / lambda_i;
 * because generalized ESD keeps every point up to the last significant step, a flagged point can
 * have a score below 1.
 */
export function computeShesd(values: readonly number[], options: ShesdOptions): ShesdRun {
  const o: Required<ShesdOptions> = { ...SHESD_DEFAULTS, longtermPeriod: null, ...options };
  const byIndex = new Array<ShesdAssessment | undefined>(values.length);
  const windows: ShesdRun["windows"] = [];
  for (const [start, end] of toWindows(values.length, o.longtermPeriod)) {
    const { assessments, decomposed, cut } = assessWindow(values.slice(start, end), start, o);
    windows.push({ start, end, decomposed, thresholdValue: cut });
    for (const a of assessments) {
      const seen = byIndex[a.index];
      if (!seen || (a.alarm && !seen.alarm)) byIndex[a.index] = a;
    }
  }
  const lastFrom = values.length - (o.period ?? 1);
  const assessments = byIndex.map((a) => (o.onlyLast && a!.alarm && a!.index < lastFrom ? { ...a!, alarm: false } : a!));
  return { assessments, windows };
}
