import { classicalDecomposition } from "@/lib/analytics/forecast/classical-decomposition";
import type { EtsInitialStates, EtsSpec } from "@/lib/analytics/forecast/ets-model";
import { ordinaryLeastSquares } from "@/lib/analytics/forecast/least-squares";

/**
 * Heuristic initial states, R forecast's `initstate()`: the seasonal terms come from a classical
 * decomposition (n ≥ 3m) or, for shorter series, from the residuals of a regression on a linear trend
 * plus one Fourier pair; the level (and trend) from the mean (or a straight-line fit) of the first
 * max(10, 2m) seasonally adjusted points. Multiplicative seasonal terms are floored at 0.01.
 * Used as the optimiser's starting point, never as the answer.
 */
export function heuristicInitialStates(y: readonly number[], spec: EtsSpec, m: number): EtsInitialStates {
  const n = y.length;
  let adjusted = [...y];
  let seasonal: number[] = [];
  if (spec.season !== "N") {
    const multiplicative = spec.season === "M";
    let raw: number[];
    if (n < 3 * m) {
      const rows = y.map((_, i) => [1, i + 1, Math.sin((2 * Math.PI * (i + 1)) / m), Math.cos((2 * Math.PI * (i + 1)) / m)]);
      const [b0 = 0, b1 = 0] = ordinaryLeastSquares(rows, y);
      raw = y.map((v, i) => (multiplicative ? v / (b0 + b1 * (i + 1)) : v - b0 - b1 * (i + 1)));
    } else {
      raw = classicalDecomposition(y, m, multiplicative ? "multiplicative" : "additive").seasonal;
    }
    // R keeps raw[1..m-1] (0-based) as s_{m-2}..s_0 and derives the remaining one from the normalisation.
    let free = raw.slice(1, m);
    if (multiplicative) {
      free = free.map((s) => Math.max(s, 0.01));
      const total = free.reduce((a, b) => a + b, 0);
      if (total > m) free = free.map((s) => s / (total + 0.01 * free.length));
      adjusted = y.map((v, i) => v / Math.max(raw[i] as number, 0.01));
    } else {
      adjusted = y.map((v, i) => v - (raw[i] as number));
    }
    const rest = (multiplicative ? m : 0) - free.reduce((a, b) => a + b, 0);
    seasonal = [rest, ...free];
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  const head = adjusted.slice(0, maxn);
  if (spec.trend === "N") {
    return { level: head.reduce((a, b) => a + b, 0) / maxn, trend: 0, seasonal };
  }
  const [l0 = 0, b0 = 0] = maxn >= 2 ? ordinaryLeastSquares(head.map((_, i) => [1, i + 1]), head) : [head[0] ?? 0, 0];
  if (Math.abs(l0 + b0) < 1e-8) return { level: l0 * 1.001, trend: b0 * 0.999, seasonal };
  return { level: l0, trend: b0, seasonal };
}
