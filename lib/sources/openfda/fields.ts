// The fixed field lists. Field names and count fields only ever come from here, never from user text.

export type OpenFdaEndpoint = "drug/event" | "device/event";

export const DATE_FIELD: Record<OpenFdaEndpoint, string> = {
  "drug/event": "receivedate",
  "device/event": "date_received",
};

/** Earliest data in each endpoint (domain.md §4.1). */
export const EARLIEST_DATE: Record<OpenFdaEndpoint, string> = {
  "drug/event": "2004-01-01",
  "device/event": "1991-01-01",
};

export const DRUG_NAME_FIELDS = {
  generic: ["patient.drug.openfda.generic_name.exact"],
  brand: ["patient.drug.openfda.brand_name.exact"],
  substance: ["patient.drug.openfda.substance_name.exact", "patient.drug.activesubstance.activesubstancename.exact"],
  any: [
    "patient.drug.openfda.generic_name.exact",
    "patient.drug.openfda.brand_name.exact",
    "patient.drug.openfda.substance_name.exact",
    "patient.drug.activesubstance.activesubstancename.exact",
    "patient.drug.medicinalproduct.exact",
  ],
} as const;

export const DEVICE_NAME_FIELDS = ["device.generic_name.exact", "device.brand_name.exact", "device.openfda.device_name.exact"] as const;
export const DEVICE_PRODUCT_CODE_FIELD = "device.device_report_product_code.exact";

export const DRUG_FIELDS = {
  sex: "patient.patientsex",
  age: "patient.patientonsetage",
  ageUnit: "patient.patientonsetageunit",
  serious: "serious",
  outcome: "patient.reaction.reactionoutcome",
  country: "occurcountry.exact",
  reporter: "primarysource.qualification",
  reaction: "patient.reaction.reactionmeddrapt.exact",
} as const;

export const SERIOUSNESS_FIELDS = {
  death: "seriousnessdeath",
  life_threatening: "seriousnesslifethreatening",
  hospitalization: "seriousnesshospitalization",
  disabling: "seriousnessdisabling",
  congenital_anomaly: "seriousnesscongenitalanomali",
  other: "seriousnessother",
} as const;

export const DEVICE_FIELDS = {
  eventType: "event_type.exact",
  patientOutcome: "patient.sequence_number_outcome.exact",
  reportSource: "report_source_code.exact",
  productProblem: "product_problems.exact",
  patientProblem: "patient.patient_problems.exact",
  deviceClass: "device.openfda.device_class.exact",
} as const;

export const SEX_CODES = { unknown: "0", male: "1", female: "2" } as const;
export const OUTCOME_CODES = {
  recovered: "1",
  recovering: "2",
  not_recovered: "3",
  recovered_with_sequelae: "4",
  fatal: "5",
  unknown: "6",
} as const;
export const REPORTER_CODES = { physician: "1", pharmacist: "2", other_hcp: "3", lawyer: "4", consumer: "5" } as const;
export const DEVICE_EVENT_TYPES = { death: "Death", injury: "Injury", malfunction: "Malfunction", other: "Other" } as const;
