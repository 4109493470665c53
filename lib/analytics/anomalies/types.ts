/** Seasonal periods per year the engine accepts: yearly, quarterly, monthly, weekly counts. */
export type Frequency = 1 | 4 | 12 | 52;

export type AnomalyMethodName = "ears_c1" | "ears_c2" | "ears_c3" | "farrington" | "shesd" | "forecast_interval";

/**
 * One monitored period as a method sees it. `expected` is the method's baseline, `threshold` the
 * value the observation had to exceed; `alarm` is the method's own rule (for every method here it
 * equals `observed > threshold`, except where a method suppresses an alarm, see its JSDoc).
 */
export type PeriodAssessment = {
  index: number;
  observed: number;
  expected: number;
  threshold: number;
  alarm: boolean;
  /** (observed - expected) / (threshold - expected): above 1 means beyond the threshold. See `computeScore`. */
  score: number;
};

/** A flagged period, as `detectAnomalies` returns it. */
export type Anomaly = {
  index: number;
  observed: number;
  expected: number;
  threshold: number;
  /** As in `PeriodAssessment`, but null where the band has no width (the score would be infinite). */
  score: number | null;
  method: AnomalyMethodName;
};
