import { EVANS_MIN_CHI_SQUARE, EVANS_MIN_PRR, SIGNAL_MIN_CASES } from "./constants";
import type {
  BcpnnGouldEstimate,
  ChiSquareEstimate,
  IcEstimate,
  MeasureResult,
  RatioEstimate,
  SignalFlag,
} from "./types";

/**
 * Evans et al. 2001 rule: PRR ≥ 2 AND Yates-corrected χ² ≥ 4 AND a ≥ 3.
 * A PRR that is `null` only because c = 0 (`c_is_zero`) is +∞ and meets PRR ≥ 2: the event is only ever
 * reported with this drug, the strongest disproportionality there is. Any other missing PRR or χ² fails.
 * The first failing condition is the reason, checked in the order a, PRR, χ².
 */
export function computeEvansFlag(
  a: number,
  prr: MeasureResult<RatioEstimate>,
  chiSquare: MeasureResult<ChiSquareEstimate>,
): SignalFlag {
  if (a < SIGNAL_MIN_CASES) return { signal: false, reason: "a_below_3" };
  const prrValue = prr.ok ? prr.value.value : prr.reason === "c_is_zero" ? Number.POSITIVE_INFINITY : null;
  if (prrValue === null) return { signal: false, reason: "prr_undefined" };
  if (!(prrValue >= EVANS_MIN_PRR)) return { signal: false, reason: "prr_below_2" };
  if (!chiSquare.ok) return { signal: false, reason: "chi_square_undefined" };
  if (!(chiSquare.value.yates >= EVANS_MIN_CHI_SQUARE)) return { signal: false, reason: "chi_square_below_4" };
  return { signal: true };
}

/**
 * ROR rule: lower 95% bound of the ROR > 1 AND a ≥ 3 (van Puijenbroek et al. 2002 with the usual
 * minimum of three cases). An infinite ROR (b = 0 or c = 0) has no finite Woolf interval (its lower
 * bound is 0), so it does not signal.
 */
export function computeRorFlag(a: number, ror: MeasureResult<RatioEstimate>): SignalFlag {
  if (a < SIGNAL_MIN_CASES) return { signal: false, reason: "a_below_3" };
  if (!ror.ok) return { signal: false, reason: "ror_undefined" };
  if (!(ror.value.lower95 > 1)) return { signal: false, reason: "ror025_not_above_1" };
  return { signal: true };
}

/**
 * IC rule: IC025 > 0 AND a ≥ 3. UMC's rule is IC025 > 0 alone; the a ≥ 3 minimum is applied to every
 * flag here so that all flags answer the same question about the same reports (the IC itself is still
 * reported for a < 3). Used for both the Norén shrinkage IC and the Gould BCPNN IC.
 */
export function computeIcFlag(a: number, ic: MeasureResult<IcEstimate | BcpnnGouldEstimate>): SignalFlag {
  if (a < SIGNAL_MIN_CASES) return { signal: false, reason: "a_below_3" };
  if (!ic.ok) return { signal: false, reason: "ic_undefined" };
  if (!(ic.value.ic025 > 0)) return { signal: false, reason: "ic025_not_above_0" };
  return { signal: true };
}
