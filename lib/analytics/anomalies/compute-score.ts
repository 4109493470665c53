/**
 * Exceedance score (observed - expected) / (threshold - expected): 1 at the threshold, above 1
 * beyond it, negative below the baseline. When the band has zero or negative width (a baseline with
 * no variation, or an EARS C3 threshold pulled below the baseline by earlier excesses) the ratio is
 * meaningless: the score is then +Infinity for an observation above the threshold, else 0.
 * Infinity serializes to null in JSON; callers that ship scores should map it.
 */
export function computeScore(observed: number, expected: number, threshold: number): number {
  const width = threshold - expected;
  if (width > 0) return (observed - expected) / width;
  return observed > threshold ? Number.POSITIVE_INFINITY : 0;
}
