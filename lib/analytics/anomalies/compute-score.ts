/**
 * Exceedance score (observed - expected) / (threshold - expected): 1 at the threshold, above 1
 * beyond it, negative below the baseline. When the band has zero or negative width (a baseline with
 * no variation, or an EARS C3 threshold pulled below the baseline by earlier excesses) the ratio is
 * meaningless: the score is then +Infinity for an observation above the threshold, else 0.
 * `toAnomalyScore` turns that Infinity into null for the flagged periods the module returns.
 */
export function computeScore(observed: number, expected: number, threshold: number): number {
  const width = threshold - expected;
  if (width > 0) return (observed - expected) / width;
  return observed > threshold ? Number.POSITIVE_INFINITY : 0;
}

/** The score a returned anomaly carries: null where the band has no width (JSON has no Infinity). */
export function toAnomalyScore(score: number): number | null {
  return Number.isFinite(score) ? score : null;
}
