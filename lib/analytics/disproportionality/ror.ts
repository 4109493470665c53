import { Z_95 } from "./constants";
import type { MeasureResult, RatioEstimate, TwoByTwoTable } from "./types";

/**
 * Reporting odds ratio (van Puijenbroek et al. 2002; Rothman et al. 2004): ROR = ad/(bc), the odds of the
 * event among the drug's reports over the odds among all other reports. Woolf 95% CI =
 * exp(ln ROR ± 1.96·SE), SE(ln ROR) = √(1/a + 1/b + 1/c + 1/d). Unitless; 1 = no disproportionality.
 * Symmetric in drug and event: transposing the table (b ↔ c) leaves ROR and its CI unchanged.
 *
 * Expects a validated table; cells may be non-integers only after a continuity correction.
 *
 * Edge cases (→ `{ ok: false, reason }`), checked in this order: N = 0 `empty_table`; a = 0 `a_is_zero`
 * (ROR = 0 or 0/0); b = 0 `b_is_zero` and c = 0 `c_is_zero` (ROR = +∞); d = 0 `d_is_zero` (ROR = 0). In
 * every one of these the log-scale interval does not exist.
 */
export function computeRor(table: TwoByTwoTable): MeasureResult<RatioEstimate> {
  const { a, b, c, d } = table;
  if (a + b + c + d === 0) return { ok: false, reason: "empty_table" };
  if (a === 0) return { ok: false, reason: "a_is_zero" };
  if (b === 0) return { ok: false, reason: "b_is_zero" };
  if (c === 0) return { ok: false, reason: "c_is_zero" };
  if (d === 0) return { ok: false, reason: "d_is_zero" };
  // Ratio of ratios rather than (a·d)/(b·c): no overflow or precision loss for very large cells.
  const value = (a / b) * (d / c);
  const seLog = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const logValue = Math.log(value);
  return {
    ok: true,
    value: { value, lower95: Math.exp(logValue - Z_95 * seLog), upper95: Math.exp(logValue + Z_95 * seLog), seLog },
  };
}
