// Public surface of the normalization layer: raw openFDA records in, CaseReport/DeviceReport and a
// DataQuality summary out. Everything here is pure (no I/O, env or clock).
export { NORMALIZATION_RULES_VERSION } from "./rules-version";
export { normalizeDrugEvents } from "./normalize-drug-events";
export { normalizeDeviceEvents, toNarrative } from "./normalize-device-events";
export { DRUG_EVENT_RULES, type DrugEventRuleId } from "./drug-event-rules";
export { DEVICE_EVENT_RULES, type DeviceEventRuleId } from "./device-event-rules";
export { computeAgeYears, MAX_PLAUSIBLE_AGE_YEARS, type AgeResult, type AgeStatus } from "./age";
export { toWeightKg, MAX_PLAUSIBLE_WEIGHT_KG, type WeightResult } from "./weight";
export {
  toIsoCountry,
  toIsoCountryCode,
  toCountryCodeFromName,
  type CountryFields,
  type CountryResult,
  type CountrySource,
} from "./country";
export { normalizeMedicinalProduct } from "./medicinal-product";
export { toIsoDate } from "./iso-date";
export { pickMoreSevereOutcome, toReactionOutcome, REACTION_OUTCOME_SEVERITY } from "./reaction-outcome";
export { parsePatientOutcomeEntry, toDeviceEventType, PATIENT_OUTCOME_BY_CODE } from "./device-event-codes";
export { isPlaceholderText } from "./placeholder";
export { rawDrugEventSchema, type RawDrugEvent } from "./raw-drug-event-schema";
export { rawDeviceEventSchema, type RawDeviceEvent } from "./raw-device-event-schema";
