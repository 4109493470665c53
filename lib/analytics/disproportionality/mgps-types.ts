/**
 * Hyperparameters θ = (α₁, β₁, α₂, β₂, P) of DuMouchel's (1999) prior for the relative reporting ratio λ:
 * λ ~ P·Gamma(α₁, β₁) + (1 − P)·Gamma(α₂, β₂), gamma in shape/rate form (mean α/β).
 */
export interface MgpsHyperparameters {
  alpha1: number;
  beta1: number;
  alpha2: number;
  beta2: number;
  /** Prior weight of component 1. Fits are reported with component 1 the minority one (P ≤ ½). */
  p: number;
}

/** One drug–event cell for MGPS: observed reports N (integer ≥ 0), expected E (> 0), optional weight. */
export interface MgpsPoint {
  n: number;
  e: number;
  /** Multiplicity (e.g. of a squashed point); default 1. */
  weight?: number;
}

/** Posterior summaries of λ for one cell, given θ. */
export interface MgpsPosterior {
  /** Posterior probability that λ came from component 1. */
  qn: number;
  /** exp(E[ln λ | N]): empirical Bayes geometric mean. */
  ebgm: number;
  /** 5th percentile of the posterior of λ. */
  eb05: number;
  /** 95th percentile of the posterior of λ. */
  eb95: number;
}
