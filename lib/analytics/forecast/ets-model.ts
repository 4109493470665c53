/**
 * ETS model taxonomy (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with Exponential Smoothing",
 * ch. 2): Error (A additive, M multiplicative), Trend (N none, A additive, Ad additive damped), Season
 * (N none, A additive, M multiplicative). Multiplicative trends are not offered (R forecast excludes them
 * by default as well), and additive-error models with multiplicative seasonality are excluded as
 * numerically unstable (R's `restrict = TRUE`).
 */
export type EtsErrorType = "A" | "M";
export type EtsTrendType = "N" | "A" | "Ad";
export type EtsSeasonType = "N" | "A" | "M";

export interface EtsSpec {
  error: EtsErrorType;
  trend: EtsTrendType;
  season: EtsSeasonType;
}

/** Model codes as printed by R (`ETS(A,Ad,A)` is "AAdA"). */
export type EtsModelCode =
  | "ANN" | "AAN" | "AAdN" | "ANA" | "AAA" | "AAdA"
  | "MNN" | "MAN" | "MAdN" | "MNA" | "MAA" | "MAdA"
  | "MNM" | "MAM" | "MAdM";

/** The 15 candidate models R's `ets()` tries by default on positive data (no multiplicative trend). */
export const ETS_MODEL_CODES: readonly EtsModelCode[] = [
  "ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA",
  "MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA",
  "MNM", "MAM", "MAdM",
];

/** Smoothing parameters in state-space form. `beta`/`gamma` are 0 and `phi` is 1 when absent. */
export interface EtsSmoothing {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * Initial states x₀. `seasonal[i]` is the seasonal term of observation i (time order: the first entry
 * belongs to the first observation's season). Normalised as R does: Σ = 0 (additive) or Σ = m
 * (multiplicative).
 */
export interface EtsInitialStates {
  level: number;
  trend: number;
  seasonal: number[];
}

/** R's "usual" parameter region: 1e-4 ≤ β ≤ α ≤ 0.9999, 1e-4 ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98. */
export const PARAMETER_BOUNDS = { lower: 1e-4, upper: 0.9999, phiLower: 0.8, phiUpper: 0.98 } as const;

export function toModelCode(spec: EtsSpec): EtsModelCode {
  return `${spec.error}${spec.trend}${spec.season}` as EtsModelCode;
}

export function parseModelCode(code: EtsModelCode): EtsSpec {
  const error = code[0] as EtsErrorType;
  const season = code[code.length - 1] as EtsSeasonType;
  const trend = code.slice(1, -1) as EtsTrendType;
  return { error, trend, season };
}

/**
 * Number of estimated parameters as R counts them for the AIC: smoothing parameters, φ, the initial
 * level and trend, m − 1 free seasonal states, plus one for σ².
 */
export function countParameters(spec: EtsSpec, m: number): number {
  let k = 2; // alpha, l0
  if (spec.trend !== "N") k += 2; // beta, b0
  if (spec.trend === "Ad") k += 1; // phi
  if (spec.season !== "N") k += m; // gamma, m-1 seasonal states
  return k + 1; // sigma^2
}

/** True when the model's variance has the closed form of Hyndman et al. (2008) ch. 6, class 1. */
export function isLinearModel(spec: EtsSpec): boolean {
  return spec.error === "A" && spec.season !== "M";
}
