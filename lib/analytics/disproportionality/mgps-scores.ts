import type { ContingencyPair, ContingencySet } from "./contingency-set";
import { fitMgpsPrior, type FitMgpsPriorOptions, type MgpsFit } from "./fit-mgps-prior";
import { computeMgpsPosterior } from "./mgps-posterior";
import type { MgpsHyperparameters, MgpsPosterior } from "./mgps-types";

/** MGPS result for one drug–event pair: observed N (= cell a), expected E and the posterior summaries. */
export interface MgpsScore extends MgpsPosterior {
  drug: string;
  event: string;
  n: number;
  expected: number;
}

/**
 * EBGM, EB05, EB95 and Qₙ for every pair, given fitted hyperparameters θ (see `computeMgpsPosterior`).
 * N is the pair's cell a, E its `expected` (stratified if the set was built stratified). Pairs with the
 * same (N, E) share one computation. Signal rule (analytics.md §3): EB05 ≥ 2.
 */
export function computeMgpsScores(pairs: readonly ContingencyPair[], theta: MgpsHyperparameters): MgpsScore[] {
  // N → E → posterior (numeric keys: no number-to-string conversions).
  const cache = new Map<number, Map<number, MgpsPosterior>>();
  return pairs.map((pair) => {
    const n = pair.table.a;
    let byExpected = cache.get(n);
    if (!byExpected) {
      byExpected = new Map();
      cache.set(n, byExpected);
    }
    let posterior = byExpected.get(pair.expected);
    if (!posterior) {
      posterior = computeMgpsPosterior(n, pair.expected, theta);
      byExpected.set(pair.expected, posterior);
    }
    return { drug: pair.drug, event: pair.event, n, expected: pair.expected, ...posterior };
  });
}

/**
 * MGPS end to end on a contingency set: fits the prior over all observed pairs (`fitMgpsPrior`), then
 * scores every pair (`computeMgpsScores`).
 */
export function runMgps(set: ContingencySet, options: FitMgpsPriorOptions = {}): { fit: MgpsFit; scores: MgpsScore[] } {
  const fit = fitMgpsPrior(
    set.pairs.map((pair) => ({ n: pair.table.a, e: pair.expected })),
    options,
  );
  return { fit, scores: computeMgpsScores(set.pairs, fit.hyperparameters) };
}
