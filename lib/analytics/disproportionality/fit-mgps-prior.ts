import { minimizeNelderMead } from "@/lib/analytics/optimize/nelder-mead";
import { computeMgpsNegLogLikelihood, prepareMgpsLikelihoodData } from "./mgps-likelihood";
import type { MgpsHyperparameters, MgpsPoint } from "./mgps-types";
import { squashMgpsLikelihoodData } from "./squash-mgps-points";

/**
 * Starting points of openEBGM's vignette ("Empirical Bayes Metrics with openEBGM"); the first is DuMouchel's
 * (1999) "lightly justified" θ = (0.2, 0.1, 2, 4, ⅓).
 */
export const OPENEBGM_STARTS: readonly MgpsHyperparameters[] = [
  { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 },
  { alpha1: 0.1, beta1: 0.1, alpha2: 10, beta2: 10, p: 0.2 },
  { alpha1: 0.3, beta1: 0.5, alpha2: 6, beta2: 6, p: 0.5 },
  { alpha1: 0.5, beta1: 0.3, alpha2: 12, beta2: 12, p: 0.8 },
  { alpha1: 0.2, beta1: 0.2, alpha2: 5, beta2: 5, p: 0.4 },
];

/** Box for the search. Defaults follow openEBGM's `param_limit = 100` for α and β. */
export interface MgpsBounds {
  shapeRateMin: number;
  shapeRateMax: number;
  pMin: number;
  pMax: number;
}

export const DEFAULT_MGPS_BOUNDS: MgpsBounds = { shapeRateMin: 1e-5, shapeRateMax: 100, pMin: 1e-6, pMax: 1 - 1e-6 };

/**
 * When to squash cells before fitting. `"auto"` squashes above {@link MGPS_MAX_EXACT_POINTS} distinct
 * points, with ln-E bins of width 0.05 for the polish and 0.2 for the multi-start search. An explicit
 * `logEBinWidth` squashes always; `searchLogEBinWidth` defaults to 4 × `logEBinWidth`.
 */
export type MgpsSquashing = "auto" | "off" | { logEBinWidth: number; searchLogEBinWidth?: number };

/** openEBGM's `max_pts` default: above this many points the exact fit gets slow, so "auto" squashes. */
export const MGPS_MAX_EXACT_POINTS = 20_000;
const AUTO_LOG_E_BIN_WIDTH = 0.05;
const SEARCH_WIDTH_FACTOR = 4;

export interface FitMgpsPriorOptions {
  /** Starting points; default {@link OPENEBGM_STARTS}. */
  starts?: readonly MgpsHyperparameters[];
  bounds?: MgpsBounds;
  squashing?: MgpsSquashing;
  /** Objective evaluations allowed per Nelder–Mead run; default 3000. */
  maxEvaluationsPerRun?: number;
  /** Nelder–Mead restarts of the polish from its own optimum (guards against a collapsed simplex); default 1. */
  restarts?: number;
}

export interface MgpsStartResult {
  start: MgpsHyperparameters;
  /** Where the (loose-tolerance) search from this start ended. */
  estimate: MgpsHyperparameters;
  /** Log-likelihood there, on the search points (the coarsely squashed ones when `squashing` is set). */
  logLikelihood: number;
  evaluations: number;
  converged: boolean;
  /** Some parameter ended within 1e-6 (transformed scale) of its bound. */
  atBound: boolean;
}

export interface MgpsFit {
  hyperparameters: MgpsHyperparameters;
  /**
   * Σ ln[P f₁*(N) + (1−P) f₂*(N)] over all cells at the estimate (natural log; = −openEBGM `negLL`),
   * always on the exact cells, also when the search ran on squashed points.
   */
  logLikelihood: number;
  negLogLikelihood: number;
  /** The polish met the simplex tolerance (a maximum on the box; see `atBound`). */
  converged: boolean;
  /**
   * Some parameter ended within 1e-6 (transformed scale) of its bound: the likelihood keeps rising towards
   * the edge of the box (e.g. α₁ → 0, the log-series limit of the zero-truncated NB), so the estimate is
   * the constrained maximum.
   */
  atBound: boolean;
  /** How many other searches converged close to the best one (openEBGM `autoHyper` tolerances). */
  agreeingStarts: number;
  /** Objective evaluations, all starts and the polish. */
  evaluations: number;
  /** One entry per start: the multi-start search. */
  starts: MgpsStartResult[];
  /** Cells used (Σ weights) and the distinct (N, E) points after exact merging. */
  cells: number;
  distinctPoints: number;
  /**
   * `null` when the fit used the exact cells; else the bin widths and numbers of squashed points of the
   * polish (`logEBinWidth`, `points`) and of the multi-start search (`searchLogEBinWidth`, `searchPoints`).
   */
  squashing: { logEBinWidth: number; points: number; searchLogEBinWidth: number; searchPoints: number } | null;
  method: string;
}

const METHOD =
  "DuMouchel 1999 two-gamma prior, ML over cells with N >= 1 (zero-truncated NB mixture, openEBGM negLL with N* = 1); bounded Nelder-Mead on (ln a1, ln b1, ln a2, ln b2, logit P): a loose search from every start, then the best one polished to tolerance; component 1 reported as the one with P <= 0.5";

// openEBGM autoHyper's default closeness tolerances for (α₁, β₁, α₂, β₂, P).
const AGREEMENT_TOLERANCE = [0.05, 0.05, 0.2, 0.2, 0.025] as const;
const SEARCH = { initialStep: 0.5, fTolerance: 1e-6, xTolerance: 1e-2 };
const POLISH = { initialStep: 0.05, fTolerance: 1e-10, xTolerance: 1e-5 };

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

function toScaled(theta: MgpsHyperparameters): number[] {
  return [Math.log(theta.alpha1), Math.log(theta.beta1), Math.log(theta.alpha2), Math.log(theta.beta2), logit(theta.p)];
}

function fromScaled(x: readonly number[]): MgpsHyperparameters {
  return {
    alpha1: Math.exp(x[0] ?? 0),
    beta1: Math.exp(x[1] ?? 0),
    alpha2: Math.exp(x[2] ?? 0),
    beta2: Math.exp(x[3] ?? 0),
    p: expit(x[4] ?? 0),
  };
}

/** Component 1 = the minority component (P ≤ ½); the likelihood is invariant under the swap. */
function canonical(theta: MgpsHyperparameters): MgpsHyperparameters {
  if (theta.p <= 0.5) return theta;
  return { alpha1: theta.alpha2, beta1: theta.beta2, alpha2: theta.alpha1, beta2: theta.beta1, p: 1 - theta.p };
}

function isClose(x: MgpsHyperparameters, y: MgpsHyperparameters): boolean {
  const dx = [x.alpha1 - y.alpha1, x.beta1 - y.beta1, x.alpha2 - y.alpha2, x.beta2 - y.beta2, x.p - y.p];
  return dx.every((d, i) => Math.abs(d) < (AGREEMENT_TOLERANCE[i] ?? 0));
}

function resolveSquashWidths(squashing: MgpsSquashing, distinctPoints: number): { polish: number; search: number } | null {
  if (squashing === "off") return null;
  if (squashing === "auto") {
    if (distinctPoints <= MGPS_MAX_EXACT_POINTS) return null;
    return { polish: AUTO_LOG_E_BIN_WIDTH, search: SEARCH_WIDTH_FACTOR * AUTO_LOG_E_BIN_WIDTH };
  }
  return { polish: squashing.logEBinWidth, search: squashing.searchLogEBinWidth ?? SEARCH_WIDTH_FACTOR * squashing.logEBinWidth };
}

/**
 * Fits DuMouchel's two-component gamma-mixture prior θ = (α₁, β₁, α₂, β₂, P) by maximum likelihood over
 * the observed cells (N ≥ 1), with the zero-truncated negative-binomial mixture likelihood of openEBGM's
 * `negLL`, N* = 1 (see {@link computeMgpsNegLogLikelihood}). Cells sharing (N, E) are merged exactly.
 *
 * Optimiser: bounded Nelder–Mead on (ln α₁, ln β₁, ln α₂, ln β₂, logit P). A loose search runs from
 * every start (default: the five openEBGM vignette starts); the best end point is then polished to a
 * tight tolerance with up to `restarts` fresh simplices. Components are labelled so that P ≤ ½.
 *
 * Squashing (`squashing`, default "auto"): above 20,000 distinct points (openEBGM's `max_pts`) the
 * multi-start search runs on coarsely squashed points (ln-E bins of width 0.2) and the polish on finely
 * squashed ones (width 0.05), see `squashMgpsPoints`; the reported log-likelihood is re-evaluated on the
 * exact cells, and `squashing` in the result says what was done. Below that, everything is exact.
 *
 * Units: λ is a ratio of observed to expected reports; β is in 1/λ units, α and P unitless.
 * @throws RangeError for cells with N < 1, non-integer N or E ≤ 0, or when no start gives a finite likelihood.
 */
export function fitMgpsPrior(points: readonly MgpsPoint[], options: FitMgpsPriorOptions = {}): MgpsFit {
  const exact = prepareMgpsLikelihoodData(points);
  if (exact.n.length === 0) throw new RangeError("MGPS fit needs at least one cell with N ≥ 1.");
  const widths = resolveSquashWidths(options.squashing ?? "auto", exact.n.length);
  const squash = (width: number) => prepareMgpsLikelihoodData(squashMgpsLikelihoodData(exact, { logEBinWidth: width }));
  const polishData = widths === null ? exact : squash(widths.polish);
  const searchData = widths === null ? exact : squash(widths.search);
  const bounds = options.bounds ?? DEFAULT_MGPS_BOUNDS;
  const maxEvaluations = options.maxEvaluationsPerRun ?? 3000;
  const restarts = options.restarts ?? 1;
  const lower = [...Array<number>(4).fill(Math.log(bounds.shapeRateMin)), logit(bounds.pMin)];
  const upper = [...Array<number>(4).fill(Math.log(bounds.shapeRateMax)), logit(bounds.pMax)];
  const searchObjective = (x: readonly number[]) => computeMgpsNegLogLikelihood(fromScaled(x), searchData);
  const objective = (x: readonly number[]) => computeMgpsNegLogLikelihood(fromScaled(x), polishData);
  const isAtBound = (x: readonly number[]) =>
    x.some((v, i) => Math.abs(v - (lower[i] ?? v)) < 1e-6 || Math.abs(v - (upper[i] ?? v)) < 1e-6);

  const searches = (options.starts ?? OPENEBGM_STARTS).map((start) => {
    const run = minimizeNelderMead(searchObjective, toScaled(start), { lower, upper, maxEvaluations, ...SEARCH });
    return { start, run };
  });
  const finite = searches.filter((s) => Number.isFinite(s.run.value));
  if (finite.length === 0) throw new RangeError("MGPS fit: no start gave a finite likelihood.");
  const best = finite.reduce((x, y) => (y.run.value < x.run.value ? y : x));

  let polished = minimizeNelderMead(objective, best.run.x, { lower, upper, maxEvaluations, ...POLISH });
  let evaluations = searches.reduce((sum, s) => sum + s.run.evaluations, 0) + polished.evaluations;
  for (let r = 0; r < restarts && polished.stopReason === "tolerance"; r++) {
    const again = minimizeNelderMead(objective, polished.x, { lower, upper, maxEvaluations, ...POLISH });
    evaluations += again.evaluations;
    const improved = polished.value - again.value > 1e-12 * (1 + Math.abs(polished.value));
    if (again.value <= polished.value) polished = again;
    if (!improved) break;
  }
  const hyperparameters = canonical(fromScaled(polished.x));
  const negLogLikelihood = widths === null ? polished.value : computeMgpsNegLogLikelihood(hyperparameters, exact);
  const atBound = isAtBound(polished.x);
  const starts: MgpsStartResult[] = searches.map(({ start, run }) => ({
    start,
    estimate: canonical(fromScaled(run.x)),
    logLikelihood: -run.value,
    evaluations: run.evaluations,
    converged: run.stopReason === "tolerance",
    atBound: isAtBound(run.x),
  }));
  const agreeingStarts = starts.filter(
    (s, i) => searches[i] !== best && s.converged && isClose(s.estimate, hyperparameters),
  ).length;
  return {
    hyperparameters,
    logLikelihood: -negLogLikelihood,
    negLogLikelihood,
    converged: polished.stopReason === "tolerance",
    atBound,
    agreeingStarts,
    evaluations,
    starts,
    cells: exact.totalWeight,
    distinctPoints: exact.n.length,
    squashing:
      widths === null
        ? null
        : { logEBinWidth: widths.polish, points: polishData.n.length, searchLogEBinWidth: widths.search, searchPoints: searchData.n.length },
    method: METHOD,
  };
}
