import { IC_SHRINKAGE } from "./constants";
import { computeExpectedCount } from "./expected-count";
import { computeStandardGammaQuantile } from "./gamma-distribution";
import type { IcEstimate, MeasureResult, TwoByTwoTable } from "./types";

/**
 * Shrinkage information component (Norén et al. 2006, Stat Med 25:3740; current UMC practice):
 * IC = log₂((a + ½)/(E₀ + ½)), E₀ = (a+b)(a+c)/N. The credibility bounds are exact quantiles of the
 * Gamma(shape a + ½, rate E₀ + ½) posterior of the observed-to-expected ratio:
 * IC025 = log₂ Q(0.025), IC975 = log₂ Q(0.975) (Norén, Hopstadius & Bate 2013), computed with
 * @stdlib's gamma quantile (refined where @stdlib's CDF is inaccurate, a ≳ 1000; see
 * `computeGammaQuantile`), not with the closed-form approximation IC − 3.3(a+½)^−½ − 2(a+½)^−3/2.
 * Gamma(s, r) quantiles are the rate-1 quantile divided by r; the rate-1 quantiles are memoised per a.
 * Units: log₂ of a ratio; 0 = observed equals expected. IC025 < IC < IC975 always.
 *
 * Edge cases: N = 0 → `{ ok: false, reason: "empty_table" }`. Every other table (a = 0, zero margins)
 * gives finite values thanks to the +½ shrinkage.
 */
export function computeInformationComponent(table: TwoByTwoTable): MeasureResult<IcEstimate> {
  const expected = computeExpectedCount(table);
  if (expected === null) return { ok: false, reason: "empty_table" };
  const shape = table.a + IC_SHRINKAGE;
  const rate = expected + IC_SHRINKAGE;
  const [q025, q975] = standardBounds(shape);
  return {
    ok: true,
    value: { value: Math.log2(shape / rate), ic025: Math.log2((1 / rate) * q025), ic975: Math.log2((1 / rate) * q975) },
  };
}

// Gamma(shape, rate) quantiles are (1/rate) × the rate-1 quantile, and shape = a + ½ takes few distinct
// values in a contingency set, so the rate-1 quantiles are memoised per shape (bounded; results are
// identical with or without the memo).
const MEMO_LIMIT = 4096;
const standardBoundsMemo = new Map<number, readonly [number, number]>();

function standardBounds(shape: number): readonly [number, number] {
  let bounds = standardBoundsMemo.get(shape);
  if (!bounds) {
    bounds = [computeStandardGammaQuantile(0.025, shape), computeStandardGammaQuantile(0.975, shape)];
    if (standardBoundsMemo.size < MEMO_LIMIT) standardBoundsMemo.set(shape, bounds);
  }
  return bounds;
}
