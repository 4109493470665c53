import { isAdmissible } from "@/lib/analytics/forecast/ets-admissible";
import { heuristicInitialStates } from "@/lib/analytics/forecast/ets-initial-states";
import {
  PARAMETER_BOUNDS,
  countParameters,
  isLinearModel,
  toModelCode,
  type EtsInitialStates,
  type EtsModelCode,
  type EtsSmoothing,
  type EtsSpec,
} from "@/lib/analytics/forecast/ets-model";
import { runEtsPass } from "@/lib/analytics/forecast/ets-recursion";
import { createLinearProfile } from "@/lib/analytics/forecast/ets-linear-profile";
import { minimizeLeastSquares } from "@/lib/analytics/forecast/levenberg-marquardt";
import { minimizeNelderMead } from "@/lib/analytics/forecast/optimize-nelder-mead";

/** A fitted ETS model. Likelihood quantities follow R forecast's conventions (see {@link evaluateEtsModel}). */
export interface EtsFit {
  spec: EtsSpec;
  code: EtsModelCode;
  m: number;
  n: number;
  smoothing: EtsSmoothing;
  initial: EtsInitialStates;
  /** −½·[n·log Σe² + 2·Σlog|ŷ|]: the Gaussian log-likelihood without its constant −(n/2)(1 + log(2π/n)). */
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σe²/(n − k), k = smoothing parameters + free initial states (R's `sigma2`). e relative for M errors. */
  sigma2: number;
  /** Parameters counted in the information criteria (including σ²). */
  parameterCount: number;
  residuals: number[];
  fitted: number[];
  /** State after the last observation; `seasonal` is phase-indexed, `phase` = n mod m. */
  final: { level: number; trend: number; seasonal: Float64Array; phase: number };
}

const { lower: LO, upper: HI, phiLower: PHI_LO, phiUpper: PHI_HI } = PARAMETER_BOUNDS;

/**
 * Local searches stop once a step improves n·log Σe² (−2·loglik up to a constant) by less than this:
 * a relative fall of Σe² below LIKELIHOOD_TOLERANCE / n. Far below what changes an AICc ranking.
 */
const LIKELIHOOD_TOLERANCE = 2e-4;

/** Levenberg–Marquardt iterations each start of a non-linear model gets before the best one goes on. */
const RACE_ITERATIONS = 3;

/** Names of the smoothing parameters the model estimates, in optimiser order. */
function smoothingNames(spec: EtsSpec): ("alpha" | "beta" | "gamma" | "phi")[] {
  const names: ("alpha" | "beta" | "gamma" | "phi")[] = ["alpha"];
  if (spec.trend !== "N") names.push("beta");
  if (spec.season !== "N") names.push("gamma");
  if (spec.trend === "Ad") names.push("phi");
  return names;
}

/**
 * Maps u ∈ [0,1]^k onto R's usual region so a box-bounded optimiser covers it exactly:
 * α = L + u₁(U − L), β = L + u₂(α − L), γ = L + u₃(1 − α − L), φ = 0.8 + u₄·0.18.
 */
function smoothingFromUnit(spec: EtsSpec, u: readonly number[]): EtsSmoothing {
  let i = 0;
  const alpha = LO + (u[i++] ?? 0) * (HI - LO);
  const beta = spec.trend !== "N" ? LO + (u[i++] ?? 0) * (alpha - LO) : 0;
  const gamma = spec.season !== "N" ? LO + (u[i++] ?? 0) * (1 - alpha - LO) : 0;
  const phi = spec.trend === "Ad" ? PHI_LO + (u[i++] ?? 0) * (PHI_HI - PHI_LO) : 1;
  return { alpha, beta, gamma, phi };
}

function unitFromSmoothing(spec: EtsSpec, s: EtsSmoothing): number[] {
  const clamp = (v: number) => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5));
  const u = [clamp((s.alpha - LO) / (HI - LO))];
  if (spec.trend !== "N") u.push(clamp((s.beta - LO) / Math.max(s.alpha - LO, 1e-12)));
  if (spec.season !== "N") u.push(clamp((s.gamma - LO) / Math.max(1 - s.alpha - LO, 1e-12)));
  if (spec.trend === "Ad") u.push(clamp((s.phi - PHI_LO) / (PHI_HI - PHI_LO)));
  return u;
}

/** R's `initparam()` starting values. */
function defaultSmoothing(m: number): EtsSmoothing {
  const alpha = LO + (0.2 * (HI - LO)) / m;
  return { alpha, beta: LO + 0.1 * (alpha - LO), gamma: LO + 0.05 * (1 - alpha - LO), phi: PHI_LO + 0.99 * (PHI_HI - PHI_LO) };
}

function seasonalNormaliser(spec: EtsSpec, m: number): number {
  return spec.season === "M" ? m : 0;
}

/** Builds the phase-indexed seasonal state array from time-ordered initial seasonal terms. */
function seasonalArray(spec: EtsSpec, m: number, seasonal: readonly number[]): Float64Array {
  const out = new Float64Array(m);
  if (spec.season !== "N") for (let i = 0; i < m; i++) out[i] = seasonal[i] as number;
  return out;
}

/**
 * Runs the model at given parameters and initial states, with R forecast's bookkeeping
 * (`etsmodel`/`pegelsresid.C`): loglik = −½·lik, AIC = lik + 2k, AICc = AIC + 2k(k+1)/(n−k−1),
 * BIC = lik + k·log n, k = parameters + 1; σ² = Σe²/(n − k + 1). Returns null when the pass fails
 * (non-positive one-step forecast in a multiplicative-error model, or non-finite values).
 */
export function evaluateEtsModel(
  y: readonly number[],
  spec: EtsSpec,
  m: number,
  smoothing: EtsSmoothing,
  initial: EtsInitialStates,
): EtsFit | null {
  const n = y.length;
  const mm = spec.season === "N" ? 1 : m;
  const seasonal = seasonalArray(spec, mm, initial.seasonal);
  const errors = new Float64Array(n);
  const fitted = new Float64Array(n);
  const pass = runEtsPass(Float64Array.from(y), spec, mm, smoothing, initial.level, initial.trend, seasonal, { errors, fitted });
  if (!Number.isFinite(pass.lik)) return null;
  const k = countParameters(spec, mm);
  const aic = pass.lik + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  const effectiveSmoothing: EtsSmoothing = {
    alpha: smoothing.alpha,
    beta: spec.trend === "N" ? 0 : smoothing.beta,
    gamma: spec.season === "N" ? 0 : smoothing.gamma,
    phi: spec.trend === "Ad" ? smoothing.phi : 1,
  };
  return {
    spec,
    code: toModelCode(spec),
    m: mm,
    n,
    smoothing: effectiveSmoothing,
    initial: { level: initial.level, trend: spec.trend === "N" ? 0 : initial.trend, seasonal: spec.season === "N" ? [] : [...initial.seasonal] },
    loglik: -0.5 * pass.lik,
    aic,
    aicc,
    bic: pass.lik + Math.log(n) * k,
    sigma2: n - (k - 1) > 0 ? pass.sse / (n - (k - 1)) : pass.sse / n,
    parameterCount: k,
    residuals: Array.from(errors),
    fitted: Array.from(fitted),
    final: { level: pass.level, trend: pass.trend, seasonal, phase: n % mm },
  };
}

type Objective = (x: readonly number[]) => number;

/** Packs smoothing (unit scale) and free initial states into one optimiser vector. */
function packFull(spec: EtsSpec, m: number, s: EtsSmoothing, x0: EtsInitialStates): number[] {
  const v = unitFromSmoothing(spec, s);
  v.push(x0.level);
  if (spec.trend !== "N") v.push(x0.trend);
  if (spec.season !== "N") v.push(...x0.seasonal.slice(0, m - 1));
  return v;
}

function unpackFull(spec: EtsSpec, m: number, v: readonly number[]): { smoothing: EtsSmoothing; initial: EtsInitialStates } {
  const k = smoothingNames(spec).length;
  const smoothing = smoothingFromUnit(spec, v.slice(0, k));
  let i = k;
  const level = v[i++]!;
  const trend = spec.trend !== "N" ? v[i++]! : 0;
  let seasonal: number[] = [];
  if (spec.season !== "N") {
    const free = v.slice(i, i + m - 1);
    seasonal = [...free, seasonalNormaliser(spec, m) - free.reduce((a, b) => a + b, 0)];
  }
  return { smoothing, initial: { level, trend, seasonal } };
}

/**
 * Residuals rₜ with Σrₜ² = exp(lik/n), so that least squares on r maximises the likelihood:
 * rₜ = eₜ (additive errors) or rₜ = eₜ·ĝ with ĝ the geometric mean of ŷ (multiplicative errors, since
 * n·log Σ(eĝ)² = n·log Σe² + 2·Σ log ŷ).
 */
function likelihoodResiduals(y: Float64Array, spec: EtsSpec, m: number) {
  const n = y.length;
  const work = new Float64Array(m);
  const k = smoothingNames(spec).length;
  const hasTrend = spec.trend !== "N";
  const seasonal = spec.season !== "N";
  const normaliser = seasonalNormaliser(spec, m);
  const out: { errors?: Float64Array } = {};
  // Runs once per likelihood evaluation (thousands per fit): reads the packed vector in place.
  return (v: readonly number[], errors: Float64Array): boolean => {
    const smoothing = smoothingFromUnit(spec, v);
    const level = v[k]!;
    const trend = hasTrend ? v[k + 1]! : 0;
    if (seasonal) {
      if (!isAdmissible(spec, m, smoothing)) return false;
      const first = k + (hasTrend ? 2 : 1);
      let sum = 0;
      for (let i = 0; i < m - 1; i++) {
        work[i] = v[first + i]!;
        sum += work[i]!;
      }
      work[m - 1] = normaliser - sum;
    }
    out.errors = errors;
    const pass = runEtsPass(y, spec, m, smoothing, level, trend, work, out);
    if (!Number.isFinite(pass.lik)) return false;
    if (spec.error === "M") {
      const scale = Math.exp((pass.lik - n * Math.log(Math.max(pass.sse, 1e-300))) / (2 * n));
      for (let t = 0; t < n; t++) errors[t] = errors[t]! * scale;
    }
    return true;
  };
}

export interface FitOptions {
  /** Extra starting points (e.g. the fit of the additive-error version of the same model). */
  starts?: { smoothing: EtsSmoothing; initial: EtsInitialStates }[];
}

/**
 * Fits one ETS model by maximum likelihood (R's criterion, see {@link evaluateEtsModel}) inside R's
 * usual region, with admissibility checked for seasonal models (R's `bounds = "both"`).
 *
 * Linear models (ANN, AAN, AAdN, ANA, AAA, AAdA): see `fitLinearModel` (initial states profiled out
 * by least squares, multi-start search over the smoothing parameters).
 * Other models: the likelihood is a sum of squares in disguise (see `likelihoodResiduals`), so all
 * parameters (smoothing + initial states) are estimated jointly by bounded Levenberg–Marquardt. Starts:
 * (a) R's heuristic initial states (`initstate`) with smoothing parameters chosen for them by a bounded
 * Nelder–Mead, and (b) any `starts` given (fits of related models, see ets-select.ts); each gets a few
 * iterations and the leader is run to convergence.
 * Returns null when no admissible parameters give a finite likelihood.
 */
export function fitEtsModel(values: readonly number[], spec: EtsSpec, m: number, options: FitOptions = {}): EtsFit | null {
  const y = Float64Array.from(values);
  const mm = spec.season === "N" ? 1 : m;
  const k = smoothingNames(spec).length;
  const box = { lower: new Array<number>(k).fill(0), upper: new Array<number>(k).fill(1) };
  const unitSteps = new Array<number>(k).fill(0.1);
  if (isLinearModel(spec)) return fitLinearModel(values, y, spec, mm, options);

  const heuristic = heuristicInitialStates(values, spec, mm);
  const work = new Float64Array(mm);
  const statesFixed: Objective = (u) => {
    const s = smoothingFromUnit(spec, u);
    if (spec.season !== "N" && !isAdmissible(spec, mm, s)) return Infinity;
    if (spec.season !== "N") for (let i = 0; i < mm; i++) work[i] = heuristic.seasonal[i]!;
    return runEtsPass(y, spec, mm, s, heuristic.level, heuristic.trend, work).lik;
  };
  const stage1 = minimizeNelderMead(statesFixed, unitFromSmoothing(spec, defaultSmoothing(mm)), { ...box, step: unitSteps, maxEvaluations: 150 });
  const candidates = [{ smoothing: smoothingFromUnit(spec, stage1.x), initial: heuristic }, ...(options.starts ?? [])];
  const residuals = likelihoodResiduals(y, spec, mm);
  const scale = values.reduce((a, b) => a + Math.abs(b), 0) / Math.max(values.length, 1) || 1;
  const dimension = k + 1 + (spec.trend !== "N" ? 1 : 0) + (spec.season !== "N" ? mm - 1 : 0);
  const lower = [...box.lower, ...new Array<number>(dimension - k).fill(-Infinity)];
  const upper = [...box.upper, ...new Array<number>(dimension - k).fill(Infinity)];
  const typical = [...new Array<number>(k).fill(1), scale, ...(spec.trend !== "N" ? [scale / 100] : []), ...new Array<number>(dimension - k - 1 - (spec.trend !== "N" ? 1 : 0)).fill(spec.season === "M" ? 1 : scale)];
  // Racing: a few Levenberg–Marquardt iterations from every start (at most three), then only the leader
  // runs to convergence. On salmNewport (monthly) ETS(M,A,M) only the third start reaches the best
  // optimum, 4 log-likelihood units above the others; full runs from all three cost twice as much.
  const search = { lower, upper, typical, residualCount: y.length, relativeTolerance: LIKELIHOOD_TOLERANCE / y.length };
  let best = { x: [] as number[], value: Infinity };
  for (const candidate of candidates) {
    const start = packFull(spec, mm, candidate.smoothing, candidate.initial);
    const result = minimizeLeastSquares(residuals, start, { ...search, maxIterations: RACE_ITERATIONS });
    if (result.value < best.value) best = result;
  }
  if (Number.isFinite(best.value)) {
    const result = minimizeLeastSquares(residuals, best.x, { ...search, maxIterations: 40 });
    if (result.value < best.value) best = result;
  }
  if (!Number.isFinite(best.value)) return null;
  const { smoothing, initial } = unpackFull(spec, mm, best.x);
  return evaluateEtsModel(values, spec, mm, smoothing, initial);
}

/** Local searches per linear model, from the best-scoring starting points. */
const LINEAR_LOCAL_SEARCHES = 4;

/** Spread-out starting points for the linear models' search (besides R's start and related fits). */
const LINEAR_DESIGN: readonly EtsSmoothing[] = [
  { alpha: 0.02, beta: 0.01, gamma: 0.01, phi: 0.95 },
  { alpha: 0.2, beta: 0.02, gamma: 0.1, phi: 0.9 },
  { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.85 },
  { alpha: 0.9, beta: 0.05, gamma: 0.05, phi: 0.97 },
  { alpha: 0.05, beta: 0.045, gamma: 0.3, phi: 0.8 },
  { alpha: 0.35, beta: 0.3, gamma: 0.01, phi: 0.97 },
];

/**
 * Linear models: the initial states are profiled out exactly ({@link createLinearProfile}), so only
 * the 1–4 smoothing parameters are searched: bounded Levenberg–Marquardt on the profiled residuals
 * (variable projection, Golub & Pereyra 1973) from the four best of R's `initparam` start and six
 * spread-out points, and from each of the `starts` (fits of related models).
 * The profile likelihood has several local optima on real series (e.g. α → 0 versus α ≈ 0.015 for
 * ETS(A,A,N) on UKgas; two optima 45 log-likelihood units apart for ETS(A,A,A) on AirPassengers), so
 * one local search is not enough; on the reference series this matched or beat R's optimum in every
 * case, at about 100–350 profile evaluations per model.
 */
function fitLinearModel(values: readonly number[], y: Float64Array, spec: EtsSpec, m: number, options: FitOptions): EtsFit | null {
  const n = y.length;
  const profile = createLinearProfile(y, spec, m);
  const k = smoothingNames(spec).length;
  const box = { lower: new Array<number>(k).fill(0), upper: new Array<number>(k).fill(1) };
  const objective: Objective = (u) => {
    const s = smoothingFromUnit(spec, u);
    if (spec.season !== "N" && !isAdmissible(spec, m, s)) return Infinity;
    return n * Math.log(Math.max(profile.sse(s), 1e-300));
  };
  const score = (smoothings: readonly EtsSmoothing[]) =>
    smoothings
      .map((s) => unitFromSmoothing(spec, s))
      .map((x) => ({ x, value: objective(x) }))
      .filter((p) => Number.isFinite(p.value))
      .sort((p, q) => p.value - q.value);
  // The best few of R's start and the spread-out design, plus every related fit: ranking them all
  // together would let good-looking related fits crowd out the design point that leads to the global
  // optimum (AirPassengers ETS(A,A,A): 45 log-likelihood units).
  const points = [...score([defaultSmoothing(m), ...LINEAR_DESIGN]).slice(0, LINEAR_LOCAL_SEARCHES), ...score((options.starts ?? []).map((s) => s.smoothing))];
  if (points.length === 0) return null;
  const residuals = (u: readonly number[], out: Float64Array): boolean => {
    const s = smoothingFromUnit(spec, u);
    if (spec.season !== "N" && !isAdmissible(spec, m, s)) return false;
    profile.residuals(s, out);
    return true;
  };
  let best = points.reduce((p, q) => (q.value < p.value ? q : p));
  for (const start of points) {
    const result = minimizeLeastSquares(residuals, start.x, { ...box, typical: new Array<number>(k).fill(1), residualCount: n, maxIterations: 15, relativeTolerance: LIKELIHOOD_TOLERANCE / n });
    const value = n * Math.log(Math.max(result.value, 1e-300));
    if (value < best.value) best = { x: result.x, value };
  }
  const smoothing = smoothingFromUnit(spec, best.x);
  return evaluateEtsModel(values, spec, m, smoothing, profile.solve(smoothing).initial);
}
