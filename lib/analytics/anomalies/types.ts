/** Seasonal periods per year of the calendar intervals: yearly, quarterly, monthly, weekly counts. */
export type Frequency = 1 | 4 | 12 | 52;

export type AnomalyMethodName = "ears_c1" | "ears_c2" | "ears_c3" | "farrington" | "shesd" | "forecast_interval";

/**
 * One assessed period as a method sees it. `expected` is the method's baseline in counts,
 * `upperBound` the alarm threshold in counts (null where the method did not test the period);
 * `alarm` is the method's own rule (see each method's JSDoc: for EARS and Farrington it is
 * `observed > upperBound` unless a rule withholds it).
 */
export type PeriodAssessment = {
  index: number;
  observed: number;
  expected: number;
  upperBound: number | null;
  alarm: boolean;
  /**
   * (observed - expected) / (upperBound - expected): above 1 means beyond the bound. Null where the
   * band has no width or the period was not tested (see `computeScore`).
   */
  score: number | null;
};


/**
 * An assessed period as `detectAnomalies` returns it: the common fields, plus the method's own
 * (EARS: sigma, carried, statistic; Farrington: phi, trendFitted, limit54Suppressed; S-H-ESD:
 * lowerBound, residual, step, statistic, critical, significant). Non-finite numbers are null.
 */
export type AssessedPeriod = PeriodAssessment & {
  sigma?: number;
  carried?: number | null;
  statistic?: number | null;
  phi?: number;
  trendFitted?: boolean;
  limit54Suppressed?: boolean;
  lowerBound?: number | null;
  residual?: number;
  step?: number | null;
  critical?: number | null;
  significant?: boolean;
};

/** A flagged period, as `detectAnomalies` and `detectForecastExceedances` return it. */
export type Anomaly = AssessedPeriod & { method: AnomalyMethodName };
