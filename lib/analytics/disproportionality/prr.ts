import { Z_95 } from "./constants";
import type { MeasureResult, RatioEstimate, TwoByTwoTable } from "./types";

/**
 * Proportional reporting ratio (Evans, Waller & Davis 2001):
 * PRR = [a/(a+b)] / [c/(c+d)], the share of the drug's reports that mention the event over the same share
 * among all other reports. 95% CI = exp(ln PRR ± 1.96·SE), SE(ln PRR) = √(1/a − 1/(a+b) + 1/c − 1/(c+d)).
 * Unitless ratio; 1 = no disproportionality.
 *
 * Expects a validated table (see `validateTable`); cells may be non-integers only when a continuity
 * correction was applied by the caller.
 *
 * Edge cases (→ `{ ok: false, reason }`): N = 0 `empty_table`; a+b = 0 `drug_margin_zero`;
 * c+d = 0 `comparator_margin_zero`; a = 0 `a_is_zero` (PRR = 0, its log-scale CI does not exist);
 * c = 0 `c_is_zero` (PRR = +∞). b = d = 0 gives SE = 0 and a degenerate interval [PRR, PRR].
 */
export function computePrr(table: TwoByTwoTable): MeasureResult<RatioEstimate> {
  const { a, b, c, d } = table;
  if (a + b + c + d === 0) return { ok: false, reason: "empty_table" };
  if (a + b === 0) return { ok: false, reason: "drug_margin_zero" };
  if (c + d === 0) return { ok: false, reason: "comparator_margin_zero" };
  if (a === 0) return { ok: false, reason: "a_is_zero" };
  if (c === 0) return { ok: false, reason: "c_is_zero" };
  const value = a / (a + b) / (c / (c + d));
  // The sum is ≥ 0 in exact arithmetic; clamp rounding noise (b = d = 0) before the square root.
  const seLog = Math.sqrt(Math.max(0, 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)));
  const logValue = Math.log(value);
  return {
    ok: true,
    value: { value, lower95: Math.exp(logValue - Z_95 * seLog), upper95: Math.exp(logValue + Z_95 * seLog), seLog },
  };
}
