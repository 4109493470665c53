import type {
  DrugRole,
  ReporterQualification,
  SeriousnessFlag,
  Sex,
} from "@/lib/schemas/case-report";
import { lookupCode, type CodeLookup } from "./code-lookup";

// Code tables for FAERS fields, as documented by openFDA (drugevent.yaml).

const SERIOUS_BY_CODE: Readonly<Record<string, boolean>> = { "1": true, "2": false };
const SEX_BY_CODE: Readonly<Record<string, Sex>> = { "0": "unknown", "1": "male", "2": "female" };
const QUALIFICATION_BY_CODE: Readonly<Record<string, ReporterQualification>> = {
  "1": "physician",
  "2": "pharmacist",
  "3": "other_hcp",
  "4": "lawyer",
  "5": "consumer",
};
const ROLE_BY_CODE: Readonly<Record<string, DrugRole>> = {
  "1": "suspect",
  "2": "concomitant",
  "3": "interacting",
};

/** `serious`: "1" → true, "2" → false, anything else → null. */
export function toSerious(raw: string | undefined): CodeLookup<boolean | null> {
  return lookupCode<boolean | null>(SERIOUS_BY_CODE, raw, null);
}

/** `patient.patientsex`: 1 male, 2 female, 0/missing/other → unknown. */
export function toSex(raw: string | undefined): CodeLookup<Sex> {
  return lookupCode(SEX_BY_CODE, raw, "unknown");
}

/** `primarysource.qualification`: 1 physician … 5 consumer, else unknown. */
export function toReporterQualification(raw: string | undefined): CodeLookup<ReporterQualification> {
  return lookupCode(QUALIFICATION_BY_CODE, raw, "unknown");
}

/** `patient.drug[].drugcharacterization`: 1 suspect, 2 concomitant, 3 interacting, else unknown. */
export function toDrugRole(raw: string | undefined): CodeLookup<DrugRole> {
  return lookupCode(ROLE_BY_CODE, raw, "unknown");
}

export interface SeriousnessFields {
  seriousnessdeath?: string | undefined;
  seriousnesslifethreatening?: string | undefined;
  seriousnesshospitalization?: string | undefined;
  seriousnessdisabling?: string | undefined;
  seriousnesscongenitalanomali?: string | undefined;
  seriousnessother?: string | undefined;
}

const SERIOUSNESS_FIELDS: ReadonlyArray<readonly [keyof SeriousnessFields, SeriousnessFlag]> = [
  ["seriousnessdeath", "death"],
  ["seriousnesslifethreatening", "life_threatening"],
  ["seriousnesshospitalization", "hospitalization"],
  ["seriousnessdisabling", "disabling"],
  ["seriousnesscongenitalanomali", "congenital_anomaly"],
  ["seriousnessother", "other"],
];

/** Seriousness criteria whose `seriousness*` flag is "1" (openFDA sends "1" or omits the field). */
export function toSeriousnessFlags(fields: SeriousnessFields): SeriousnessFlag[] {
  return SERIOUSNESS_FIELDS.filter(([field]) => fields[field]?.trim() === "1").map(([, flag]) => flag);
}
