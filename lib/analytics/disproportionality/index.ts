// Public surface of disproportionality analysis: 2×2 closed-form measures (PRR, χ², ROR, IC, BCPNN) and
// MGPS/EBGM on a report-level contingency set. Everything here is pure (no I/O, env or clock).
export type {
  BcpnnGouldEstimate,
  ChiSquareEstimate,
  IcEstimate,
  MeasureNullReason,
  MeasureResult,
  RatioEstimate,
  SignalFlag,
  SignalFlagReason,
  TwoByTwoTable,
} from "./types";
export {
  assertValidTable,
  InvalidTableError,
  validateTable,
  type TableValidationError,
  type TableValidationErrorCode,
  type TableValidationResult,
} from "./validate-table";
export {
  computeMeasures,
  MEASURES_METHOD,
  type ComputeMeasuresOptions,
  type DisproportionalityMeasures,
  type MeasuresMethod,
} from "./compute-measures";
export {
  tableFromMargins,
  type MarginInconsistency,
  type MarginInconsistencyCode,
  type TableFromMarginsResult,
  type TableMargins,
} from "./table-from-margins";
export { describeInconsistentTerms, measuresWithoutTable, type MeasuresWithoutTable } from "./measures-without-table";
export { computeExpectedCount } from "./expected-count";
export { computePrr } from "./prr";
export { computeRor } from "./ror";
export { computeChiSquare } from "./chi-square";
export { computeInformationComponent } from "./information-component";
export { computeBcpnnGould } from "./bcpnn-gould";
export { trigamma } from "./trigamma";
export { computeEvansFlag, computeIcFlag, computeRorFlag } from "./signal-flags";
export { EVANS_MIN_CHI_SQUARE, EVANS_MIN_PRR, SIGNAL_MIN_CASES, Z_95 } from "./constants";
export {
  buildContingencySet,
  type BuildContingencySetOptions,
  type ContingencyPair,
  type ContingencySet,
  type ReportRow,
} from "./contingency-set";
export type { MgpsHyperparameters, MgpsPoint, MgpsPosterior } from "./mgps-types";
export {
  computeMgpsNegLogLikelihood,
  prepareMgpsLikelihoodData,
  type MgpsLikelihoodData,
} from "./mgps-likelihood";
export { squashMgpsLikelihoodData, squashMgpsPoints, type SquashMgpsPointsOptions } from "./squash-mgps-points";
export {
  DEFAULT_MGPS_BOUNDS,
  fitMgpsPrior,
  MGPS_MAX_EXACT_POINTS,
  OPENEBGM_STARTS,
  type FitMgpsPriorOptions,
  type MgpsBounds,
  type MgpsFit,
  type MgpsSquashing,
  type MgpsStartResult,
} from "./fit-mgps-prior";
export { computeMgpsPosterior } from "./mgps-posterior";
export { computeGammaMixtureQuantile, type GammaComponent } from "./gamma-mixture-quantile";
export { computeGammaCdf, computeGammaPdf, computeGammaQuantile, computeStandardGammaQuantile } from "./gamma-distribution";
export { logNegativeBinomialPmf } from "./negative-binomial";
export { computeMgpsScores, runMgps, type MgpsScore } from "./mgps-scores";
