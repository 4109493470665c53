import digamma from "@stdlib/math-base-special-digamma";
import { Z_95 } from "./constants";
import { trigamma } from "./trigamma";
import type { BcpnnGouldEstimate, MeasureResult, TwoByTwoTable } from "./types";

/**
 * Original BCPNN information component (Bate et al. 1998, EJCP 54:315) with Gould's 2003 closed-form
 * (digamma/trigamma) posterior moments, term for term as R `PhViD::BCPNN(MC = FALSE)`:
 * p₁ = 1 + (a+b), p₂ = 1 + N − (a+b), q₁ = 1 + (a+c), q₂ = 1 + N − (a+c), r₁ = 1 + a,
 * r₂ = N − a − 1 + (N+2)²/(q₁p₁);
 * E[IC] = [ψ(r₁) − ψ(r₁+r₂) − ψ(p₁) + ψ(p₁+p₂) − ψ(q₁) + ψ(q₁+q₂)] / ln 2,
 * V[IC] = [ψ₁(r₁) − ψ₁(r₁+r₂) + ψ₁(p₁) − ψ₁(p₁+p₂) + ψ₁(q₁) − ψ₁(q₁+q₂)] / (ln 2)²,
 * IC025 = E − 1.96·√V, IC975 = E + 1.96·√V (normal approximation). Units: log₂.
 *
 * Edge cases: N = 0 → `{ ok: false, reason: "empty_table" }`. For N ≥ 1 every argument is > 0
 * (r₂ > 0 because (N+2)²/(q₁p₁) > 1), so the result is finite for any table, including zero cells.
 */
export function computeBcpnnGould(table: TwoByTwoTable): MeasureResult<BcpnnGouldEstimate> {
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return { ok: false, reason: "empty_table" };
  const p1 = 1 + a + b;
  const p2 = 1 + n - (a + b);
  const q1 = 1 + a + c;
  const q2 = 1 + n - (a + c);
  const r1 = 1 + a;
  const r2 = n - a - 1 + ((n + 2) * (n + 2)) / (q1 * p1);
  const mean =
    (digamma(r1) - digamma(r1 + r2) - (digamma(p1) - digamma(p1 + p2) + digamma(q1) - digamma(q1 + q2))) / Math.LN2;
  const variance =
    (trigamma(r1) - trigamma(r1 + r2) + (trigamma(p1) - trigamma(p1 + p2) + trigamma(q1) - trigamma(q1 + q2))) /
    (Math.LN2 * Math.LN2);
  const sd = Math.sqrt(variance);
  return { ok: true, value: { value: mean, sd, ic025: mean - Z_95 * sd, ic975: mean + Z_95 * sd } };
}
