// Public surface of spike (anomaly) detection: EARS C1/C2/C3, Farrington-flexible (Noufaily), S-H-ESD,
// forecast-interval exceedance, and `detectAnomalies` that picks one. Pure: no I/O, env or clock.
export { AnomalyInputError } from "./anomaly-input-error";
export { MAX_SERIES_LENGTH, MAX_SHESD_SERIES_LENGTH } from "./validate-series";
export type { Anomaly, AnomalyMethodName, AssessedPeriod, Frequency, PeriodAssessment } from "./types";
export {
  detectAnomalies,
  type DetectableMethod,
  type DetectAnomaliesInput,
  type DetectAnomaliesResult,
} from "./detect-anomalies";
export {
  METHOD_PARAM_NAMES,
  type EarsC1Params,
  type EarsGuardedParams,
  type FarringtonParams,
  type MethodParams,
  type MethodParamsInput,
  type ParameterizedMethod,
  type ShesdParams,
} from "./method-params";
export { chooseAutoMethod } from "./choose-auto-method";
export { detectForecastExceedances, type ForecastStep } from "./forecast-exceedance";
export { computeEars, EARS_DEFAULTS, getEarsDefaultThreshold, getEarsFirstIndex, type EarsOptions, type EarsVariant, type EarsAssessment } from "./ears-c";
export {
  computeFarringtonFlexible,
  FARRINGTON_NOUFAILY_DEFAULTS,
  type FarringtonAssessment,
  type FarringtonOptions,
} from "./farrington-flexible";
export { chooseFarringtonB, FARRINGTON_PRESETS } from "./farrington-presets";
export { computeFarringtonThreshold, type FarringtonThresholdMethod } from "./farrington-threshold";
export { computeShesd, SHESD_DEFAULTS, type ShesdAssessment, type ShesdOptions, type ShesdRun, type ShesdThreshold } from "./shesd";
export { runGeneralizedEsd, type EsdDirection, type EsdResult, type EsdStep } from "./generalized-esd";
export { decomposeStl, type StlOptions, type StlResult } from "./stl";
export { fitQuasiPoissonGlm, type QuasiPoissonFit } from "./quasi-poisson-glm";
