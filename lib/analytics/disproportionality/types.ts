/**
 * Shared types of the closed-form disproportionality measures (PRR, χ², ROR, IC, BCPNN).
 *
 * The unit of every cell is the de-duplicated report (a report that lists the drug or the event twice
 * counts once), never the drug–event row.
 *
 * |        | event E | not E |
 * |--------|---------|-------|
 * | drug D | a       | b     |
 * | not D  | c       | d     |
 */
export interface TwoByTwoTable {
  /** Reports with the drug and the event. */
  a: number;
  /** Reports with the drug, without the event. */
  b: number;
  /** Reports with the event, without the drug. */
  c: number;
  /** Reports with neither. */
  d: number;
}

/**
 * Why a measure is `null`. Machine-readable; stable across versions.
 * - `empty_table`: N = a+b+c+d = 0.
 * - `a_is_zero` … `d_is_zero`: the named cell is 0 and the estimate (or its log-scale CI) is 0/0, 0 or ∞.
 *   For PRR, `c_is_zero` means PRR = +∞ (the event is only ever reported with this drug); for ROR,
 *   `b_is_zero`/`c_is_zero` mean ROR = +∞.
 * - `drug_margin_zero`: a+b = 0 (no report has the drug).
 * - `comparator_margin_zero`: c+d = 0 (every report has the drug, so there is no comparator group).
 * - `event_margin_zero` / `non_event_margin_zero`: a+c = 0 or b+d = 0 (χ² has a zero margin).
 * - `inconsistent_margins`: the counts the table would be built from disagree, so there is no table
 *   (see `tableFromMargins`).
 */
export type MeasureNullReason =
  | "empty_table"
  | "a_is_zero"
  | "b_is_zero"
  | "c_is_zero"
  | "d_is_zero"
  | "drug_margin_zero"
  | "comparator_margin_zero"
  | "event_margin_zero"
  | "non_event_margin_zero"
  | "inconsistent_margins";

/** A measure that exists (`ok: true`) or does not, with the reason. */
export type MeasureResult<T> = { ok: true; value: T } | { ok: false; reason: MeasureNullReason };

/** A ratio measure with its 95% interval (PRR, ROR). All values finite and > 0. */
export interface RatioEstimate {
  value: number;
  lower95: number;
  upper95: number;
  /** Standard error of the natural log of the ratio. */
  seLog: number;
}

/** Pearson χ² (1 df) for the 2×2 table, with and without Yates' continuity correction. */
export interface ChiSquareEstimate {
  /** N·max(0, |ad−bc| − N/2)² / [(a+b)(c+d)(a+c)(b+d)]; the statistic of the Evans rule. */
  yates: number;
  /** N·(ad−bc)² / [(a+b)(c+d)(a+c)(b+d)]. */
  uncorrected: number;
}

/** Information component, log2 scale. */
export interface IcEstimate {
  value: number;
  /** Lower 2.5% credibility bound. */
  ic025: number;
  /** Upper 97.5% credibility bound. */
  ic975: number;
}

/** BCPNN IC with Gould's closed-form posterior moments (log2 scale). */
export interface BcpnnGouldEstimate {
  /** Posterior mean E[IC]. */
  value: number;
  /** Posterior standard deviation of IC. */
  sd: number;
  /** E[IC] − 1.96·SD. */
  ic025: number;
  /** E[IC] + 1.96·SD. */
  ic975: number;
}

/** Why a signal flag is false. Only present when `signal` is false. */
export type SignalFlagReason =
  | "a_below_3"
  | "prr_undefined"
  | "prr_below_2"
  | "chi_square_undefined"
  | "chi_square_below_4"
  | "ror_undefined"
  | "ror025_not_above_1"
  | "ic_undefined"
  | "ic025_not_above_0"
  | "inconsistent_margins";

export type SignalFlag = { signal: true } | { signal: false; reason: SignalFlagReason };
