import { classicalDecomposition } from "@/lib/analytics/forecast/classical-decomposition";

/** Circular smoothing weights over neighbouring weeks of the seasonal figure (a 5-week triangle). */
const SMOOTHING_WEIGHTS = [1, 2, 3, 2, 1] as const;

/**
 * Additive seasonal figure of period m (weekly: 52) for a series too seasonal-long for ETS: the classical
 * decomposition's figure (detrend by the centred 2×m moving average, average each phase over the years),
 * smoothed circularly over ±2 neighbouring phases with weights 1-2-3-2-1 and re-centred to sum 0.
 * With 3–4 years of weekly data each phase is the mean of only 2–3 values, and the smoothing trades a
 * little bias at sharp seasonal peaks for much less noise (the same role as STL's seasonal loess
 * window). `figure[p]` belongs to observations p, p+m, … (0-based).
 */
export function smoothedSeasonalFigure(values: readonly number[], m: number): number[] {
  const { figure } = classicalDecomposition(values, m, "additive");
  const half = Math.floor(SMOOTHING_WEIGHTS.length / 2);
  const total = SMOOTHING_WEIGHTS.reduce((a, b) => a + b, 0);
  const smoothed = figure.map((_, p) => {
    let sum = 0;
    SMOOTHING_WEIGHTS.forEach((w, j) => (sum += w * (figure[(p + j - half + m) % m] as number)));
    return sum / total;
  });
  const mean = smoothed.reduce((a, b) => a + b, 0) / m;
  return smoothed.map((s) => s - mean);
}
