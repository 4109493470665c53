/**
 * Seasonal block labels of `surveillance`'s `blocks()` for the period t (0-based), on a plain index
 * axis (reference points t - freq·i, i = 1..b, as R does for an sts without dates):
 * - the windows t - freq·i ± w, and t - w..t itself, get level `noPeriods`;
 * - with noPeriods > 1, the gap between two consecutive windows is cut into noPeriods - 1 blocks,
 *   labelled 1..noPeriods-1, the first `gap mod (noPeriods-1)` blocks one period longer;
 * - every other period (before the oldest window, after t) is unlabelled (NaN).
 * Returns one label per index 0..t. Throws when the reference window starts before the series or
 * when a gap is too short for noPeriods - 1 non-empty blocks.
 */
export function computeFarringtonBlocks(t: number, options: { frequency: number; b: number; w: number; noPeriods: number }): number[] {
  const { frequency, b, w, noPeriods } = options;
  if (t - frequency * b - w < 0) throw new RangeError(`period ${t} has no complete reference window ${b} cycles back`);
  const labels = new Array<number>(t + 1).fill(Number.NaN);
  for (let j = t - w; j <= t; j++) labels[j] = noPeriods;
  for (let i = 1; i <= b; i++) {
    const ref = t - frequency * i;
    for (let j = ref - w; j <= ref + w; j++) labels[j] = noPeriods;
    if (noPeriods === 1) continue;
    const gap = frequency - 2 * w - 1;
    const length = Math.floor(gap / (noPeriods - 1));
    if (length < 1) throw new RangeError(`noPeriods ${noPeriods} is too many for a gap of ${gap} periods`);
    const rest = gap % (noPeriods - 1);
    let start = ref + w + 1;
    for (let level = 1; level < noPeriods; level++) {
      const len = length + (level <= rest ? 1 : 0);
      for (let j = start; j < start + len; j++) labels[j] = level;
      start += len;
    }
  }
  return labels;
}
