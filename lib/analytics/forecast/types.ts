import type { EtsModelCode } from "@/lib/analytics/forecast/ets-model";

/** Series frequency: 1 yearly, 4 quarterly, 12 monthly, 52 weekly. */
export type ForecastFrequency = 1 | 4 | 12 | 52;

export interface ForecastInput {
  /** Counts (or other non-negative values), oldest first, one per period, with no gaps. */
  values: number[];
  frequency: ForecastFrequency;
  /** Steps ahead, 1–60. */
  horizon: number;
  /** Interval levels in percent, each in (0, 100); default [80, 95]. */
  levels?: number[];
  /** Seed of the simulated intervals (multiplicative-error models); default 1. */
  seed?: number;
}

/** One forecast step. `lower`/`upper` are keyed by level as a string: `{ "80": …, "95": … }`. */
export interface ForecastPoint {
  step: number;
  mean: number;
  lower: Record<string, number>;
  upper: Record<string, number>;
}

export interface EtsParameters {
  alpha: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  /**
   * Initial states x₀ on the fitting scale (after `transform`, and after seasonal adjustment for weekly
   * data). `seasonal[i]` belongs to the i-th observation's season (time order).
   */
  initial: { level: number; trend?: number; seasonal?: number[] };
}

/** How the method was chosen: the AICc of every model tried, best first. */
export interface CandidateModel {
  model: EtsModelCode;
  aicc: number;
}

export interface ForecastResult {
  /** "ets" when an ETS model was fitted; "naive" for the documented fallbacks (short or constant series). */
  method: "ets" | "naive";
  /** ETS model code, e.g. "AAdA", or "naive". */
  model: EtsModelCode | "naive";
  parameters: EtsParameters | null;
  /** AICc, log-likelihood (R forecast's convention, without constants) and σ² on the fitting scale. */
  aicc: number | null;
  loglik: number | null;
  sigma2?: number;
  transform: "none" | "log1p";
  /**
   * Weekly data only: a seasonal figure of period 52 removed before fitting and added back to the
   * forecasts (ETS cannot carry a 52-period season).
   */
  seasonalAdjustment: { method: "classical-smoothed"; period: 52 } | null;
  /** Seasonal period of the ETS model (1 when non-seasonal). */
  seasonalPeriod: number;
  intervalMethod: "analytic" | "simulation" | "none";
  /** Plain-language account of every decision and fallback; always present. */
  notes: string[];
  candidates: CandidateModel[];
  forecast: ForecastPoint[];
  baselines?: {
    seasonalNaive: ForecastPoint[];
    naive2: ForecastPoint[];
  };
}
