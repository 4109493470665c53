import type { ChiSquareEstimate, MeasureResult, TwoByTwoTable } from "./types";

/**
 * Pearson χ² (1 df) of the 2×2 table, returned both ways (Evans et al. 2001; analytics.md §3):
 * - `uncorrected` = N(ad − bc)² / [(a+b)(c+d)(a+c)(b+d)]
 * - `yates` = N·max(0, |ad − bc| − N/2)² / [(a+b)(c+d)(a+c)(b+d)]
 *
 * The Evans signal rule uses the Yates-corrected value (the usual MHRA/EMA reading). The correction is
 * capped at |ad − bc| (statistic 0 when |ad − bc| ≤ N/2), exactly as R's `chisq.test(correct = TRUE)`;
 * the textbook formula without the cap would turn a near-perfect fit into a positive statistic.
 * Unitless; compare with 3.84 (p = 0.05) or the Evans threshold 4.
 *
 * Edge cases (→ `{ ok: false, reason }`): N = 0 `empty_table`; a zero margin a+b, c+d, a+c or b+d
 * (`drug_margin_zero`, `comparator_margin_zero`, `event_margin_zero`, `non_event_margin_zero`): the
 * statistic is 0/0. ad = bc gives 0 for both.
 */
export function computeChiSquare(table: TwoByTwoTable): MeasureResult<ChiSquareEstimate> {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return { ok: false, reason: "empty_table" };
  const drugMargin = a + b;
  const comparatorMargin = c + d;
  const eventMargin = a + c;
  const nonEventMargin = b + d;
  if (drugMargin === 0) return { ok: false, reason: "drug_margin_zero" };
  if (comparatorMargin === 0) return { ok: false, reason: "comparator_margin_zero" };
  if (eventMargin === 0) return { ok: false, reason: "event_margin_zero" };
  if (nonEventMargin === 0) return { ok: false, reason: "non_event_margin_zero" };
  const deviation = Math.abs(a * d - b * c);
  const corrected = Math.max(0, deviation - n / 2);
  // Divide step by step: the product of the four margins can exceed 1e300 for huge tables.
  const scale = (x: number) => (((n / drugMargin) * (x / comparatorMargin)) * (x / eventMargin)) / nonEventMargin;
  return { ok: true, value: { yates: scale(corrected), uncorrected: scale(deviation) } };
}
