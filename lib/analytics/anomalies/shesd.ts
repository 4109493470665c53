import { runGeneralizedEsd, type EsdDirection } from "@/lib/analytics/anomalies/generalized-esd";
import { computeMedian } from "@/lib/analytics/anomalies/robust-statistics";
import { decomposeStl } from "@/lib/analytics/anomalies/stl";
import type { PeriodAssessment } from "@/lib/analytics/anomalies/types";

export type ShesdOptions = {
  /** Observations per seasonal cycle; 1 (or a series of at most two cycles) skips the decomposition. */
  period: number;
  /** Upper bound on anomalies as a fraction of the points (Twitter: max_anoms, < 0.5). */
  maxAnoms?: number;
  alpha?: number;
  direction?: EsdDirection;
  /**
   * Window length in points for long series (Twitter's longterm_period): the series is cut into
   * consecutive windows of this length (the last one ending at the end of the series, so it may
   * overlap), each with its own decomposition and median. Undefined = one window.
   */
  longtermPeriod?: number;
};

export const SHESD_DEFAULTS = { maxAnoms: 0.02, alpha: 0.05, direction: "pos" } as const;

/** Windows [start, end) as Twitter's AnomalyDetectionVec cuts them. */
function toWindows(n: number, longtermPeriod: number | undefined): Array<[number, number]> {
  if (!longtermPeriod || longtermPeriod >= n) return [[0, n]];
  const windows: Array<[number, number]> = [];
  for (let start = 0; start < n; start += longtermPeriod) {
    windows.push(start + longtermPeriod <= n ? [start, start + longtermPeriod] : [n - longtermPeriod, n]);
  }
  return windows;
}

/**
 * Seasonal Hybrid ESD (Hochenbaum, Vallis & Kejariwal 2017; Twitter's AnomalyDetectionVec).
 * Per window: remainder = x - seasonal - median(x), where seasonal comes from robust STL with a
 * periodic seasonal (R: stl(s.window = "periodic", robust = TRUE), see `decomposeStl`); the trend is
 * not subtracted, as in Twitter's code. Then `runGeneralizedEsd` with at most
 * trunc(window length · maxAnoms) anomalies (at least 1).
 * Each flagged point reports expected = seasonal + median(x) + the ESD median at its step and
 * threshold = expected ± lambda·MAD at that step (+ for a high value, - for a low one); score =
 * R/lambda. Because generalized ESD keeps every point up to the last significant step, a flagged
 * point can have a score below 1. Output sorted by index; duplicates from overlapping windows dropped.
 */
export function computeShesd(values: readonly number[], options: ShesdOptions): PeriodAssessment[] {
  const maxAnoms = options.maxAnoms ?? SHESD_DEFAULTS.maxAnoms;
  const alpha = options.alpha ?? SHESD_DEFAULTS.alpha;
  const direction = options.direction ?? SHESD_DEFAULTS.direction;
  const found = new Map<number, PeriodAssessment>();
  for (const [start, end] of toWindows(values.length, options.longtermPeriod)) {
    const x = values.slice(start, end);
    const n = x.length;
    const seasonal = options.period >= 2 && n > 2 * options.period
      ? decomposeStl(x, { period: options.period, seasonalWindow: "periodic", robust: true }).seasonal
      : new Array<number>(n).fill(0);
    const level = computeMedian(x);
    const residual = x.map((v, i) => v - seasonal[i]! - level);
    const maxOutliers = Math.max(1, Math.trunc(n * Math.max(maxAnoms, 1 / n)));
    // Residuals of a constant series are rounding noise (~1e-15): never test against that scale.
    const minScale = 1e-9 * Math.max(1, Math.abs(level));
    for (const step of runGeneralizedEsd(residual, { maxOutliers, alpha, direction, minScale })) {
      const index = start + step.position;
      if (found.has(index)) continue;
      const expected = seasonal[step.position]! + level + step.center;
      const high = residual[step.position]! >= step.center;
      const threshold = expected + (high ? 1 : -1) * step.critical * step.scale;
      found.set(index, { index, observed: values[index]!, expected, threshold, alarm: true, score: step.statistic / step.critical });
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}
