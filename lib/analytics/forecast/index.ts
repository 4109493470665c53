// Public API of the forecasting engine: pure functions, no I/O, no env, no clock.
export { forecastSeries, MIN_ETS_POINTS, LOG1P_MEDIAN_BELOW, LOG1P_ZERO_SHARE } from "@/lib/analytics/forecast/forecast-series";
export { seasonalNaive, naive2, type BaselineForecast } from "@/lib/analytics/forecast/baselines";
export { smape, mase, maseScale, msis, intervalCoverage } from "@/lib/analytics/forecast/metrics";
export { ForecastInputError } from "@/lib/analytics/forecast/forecast-input-error";
export { MAX_FORECAST_POINTS, MAX_HORIZON } from "@/lib/analytics/forecast/validate-forecast-input";
export type { EtsModelCode } from "@/lib/analytics/forecast/ets-model";
export type {
  CandidateModel,
  EtsParameters,
  ForecastFrequency,
  ForecastInput,
  ForecastPoint,
  ForecastResult,
} from "@/lib/analytics/forecast/types";
