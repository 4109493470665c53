import type { Frequency } from "@/lib/analytics/anomalies/types";

/**
 * Noufaily-style Farrington settings per frequency. Weekly is Noufaily et al. (2013): ±3-week
 * windows, a 10-level seasonal factor, the last 26 weeks left out. Other frequencies keep the same
 * shape scaled to the cycle: windows narrow enough that `noPeriods - 1` blocks of at least one
 * period fit between them (monthly ±1 with 9 one-month blocks; quarterly one quarter per level;
 * yearly no seasonal factor), and about half a year left out. `minB`: fewest years back that still
 * leave a fit with spare degrees of freedom. b itself is up to 5, as many as the series allows.
 */
export const FARRINGTON_PRESETS: Record<Frequency, { w: number; noPeriods: number; pastPeriodsNotIncluded: number; minB: number }> = {
  52: { w: 3, noPeriods: 10, pastPeriodsNotIncluded: 26, minB: 1 },
  12: { w: 1, noPeriods: 10, pastPeriodsNotIncluded: 6, minB: 2 },
  4: { w: 0, noPeriods: 4, pastPeriodsNotIncluded: 2, minB: 3 },
  1: { w: 0, noPeriods: 1, pastPeriodsNotIncluded: 0, minB: 3 },
};

export const FARRINGTON_MAX_B = 5;

/** Years back for a series of n points: as many as fit (at most 5), or null below the preset's minimum. */
export function chooseFarringtonB(n: number, frequency: Frequency): number | null {
  const preset = FARRINGTON_PRESETS[frequency];
  const b = Math.min(FARRINGTON_MAX_B, Math.floor((n - 1 - preset.w) / frequency));
  return b >= preset.minB ? b : null;
}
