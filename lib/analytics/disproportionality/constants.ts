/**
 * z for a two-sided 95% interval. analytics.md §3 writes the PRR/ROR intervals and the BCPNN bound with
 * 1.96 (not qnorm(0.975) = 1.959964), so the reported bounds match hand calculations and PhViD-style output
 * to the printed digits.
 */
export const Z_95 = 1.96;

/** Minimum number of reports with the drug and the event (cell a) for any signal flag to be raised. */
export const SIGNAL_MIN_CASES = 3;

/** Evans et al. 2001 thresholds: PRR ≥ 2 and Yates-corrected χ² ≥ 4 (with a ≥ 3). */
export const EVANS_MIN_PRR = 2;
export const EVANS_MIN_CHI_SQUARE = 4;

/** Norén et al. 2006 shrinkage added to observed and expected counts of the IC. */
export const IC_SHRINKAGE = 0.5;

/** Haldane–Anscombe correction added to every cell when the option is on. */
export const HALDANE_CORRECTION = 0.5;
