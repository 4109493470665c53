import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { computeMad, computeMedian } from "@/lib/analytics/anomalies/robust-statistics";

export type EsdDirection = "pos" | "neg" | "both";

/** One point removed by the ESD loop, in removal order. */
export type EsdStep = {
  /** Position in the input array. */
  position: number;
  /** Robust centre (median) and scale (MAD) of the points still in the sample at this step. */
  center: number;
  scale: number;
  /** Test statistic R_i and critical value lambda_i. */
  statistic: number;
  critical: number;
};

export type EsdResult = {
  /** Every step the loop ran, in removal order: the point each step tested and its R_i, lambda_i. */
  tested: EsdStep[];
  /** Outliers: the first `significant` tested points (the largest i with R_i > lambda_i). */
  significant: number;
};

/**
 * Hybrid generalized ESD (Rosner 1983, with median/MAD in place of mean/sd, as Twitter's
 * S-H-ESD `detect_anoms`). For i = 1..maxOutliers: R_i = max |x - median| / MAD over the remaining
 * points (one-sided: signed), remove the arg max (first on ties), and compare with
 *   lambda_i = t_{p, n-i-1}·(n - i) / sqrt((n - i - 1 + t²)(n - i + 1)),
 *   p = 1 - alpha / (n - i + 1) one-sided, 1 - alpha / (2(n - i + 1)) two-sided.
 * The number of outliers is the largest i with R_i > lambda_i; every point tested before it is an
 * outlier, even one whose own R_i was below its lambda_i.
 * A zero MAD (over half the points equal) falls back to 1.2533·mean absolute deviation; if that is
 * zero too (or below `minScale`, for rounding noise), the remaining points are all equal and the
 * loop stops.
 */
export function runGeneralizedEsd(
  values: readonly number[],
  options: { maxOutliers: number; alpha: number; direction: EsdDirection; minScale?: number },
): EsdResult {
  const n = values.length;
  const remaining = values.map((value, position) => ({ value, position }));
  const tested: EsdStep[] = [];
  let significant = 0;
  for (let i = 1; i <= Math.min(options.maxOutliers, n - 2); i++) {
    const xs = remaining.map((r) => r.value);
    const center = computeMedian(xs);
    let scale = computeMad(xs, center);
    if (!(scale > 0)) scale = 1.2533 * (xs.reduce((s, v) => s + Math.abs(v - center), 0) / xs.length);
    if (!(scale > (options.minScale ?? 0))) break;
    let best = -1;
    let statistic = Number.NEGATIVE_INFINITY;
    remaining.forEach((r, j) => {
      const d = r.value - center;
      const a = (options.direction === "both" ? Math.abs(d) : options.direction === "pos" ? d : -d) / scale;
      if (a > statistic) {
        statistic = a;
        best = j;
      }
    });
    const p = options.direction === "both" ? 1 - options.alpha / (2 * (n - i + 1)) : 1 - options.alpha / (n - i + 1);
    const t = tQuantile(p, n - i - 1);
    const critical = (t * (n - i)) / Math.sqrt((n - i - 1 + t * t) * (n - i + 1));
    tested.push({ position: remaining[best]!.position, center, scale, statistic, critical });
    remaining.splice(best, 1);
    if (statistic > critical) significant = i;
  }
  return { tested, significant };
}
