import type { QualityRuleDefinition } from "./quality-tally";

// Every rule normalizeDrugEvents applies. `changed` and `dropped` count the unit named in each
// description (reports, drugs, reactions or field values) in the output of one run.

export const DRUG_EVENT_RULES = [
  {
    rule: "report.missing_id",
    description: "Record is not an object or has no safetyreportid; the record is dropped.",
  },
  {
    rule: "report.superseded_version",
    description:
      "Another record has the same safetyreportid and a higher safetyreportversion (ties: the later record in input order wins); the older record is dropped.",
  },
  {
    rule: "version.not_integer",
    description: "safetyreportversion is present but not a non-negative integer; version set to null (reports).",
  },
  {
    rule: "date.invalid_receivedate",
    description: "receivedate is missing or not a valid YYYYMMDD calendar date; receivedDate set to null (reports).",
  },
  {
    rule: "code.unrecognized_value",
    description:
      "A coded field (serious, patient.patientsex, primarysource.qualification, drugcharacterization, reactionoutcome) holds a value outside its openFDA code list; mapped to null/unknown (field values).",
  },
  {
    rule: "age.converted_to_years",
    description:
      "patientonsetage was given in decades, months, weeks, days or hours (unit 800, 802–805) and converted to years (reports).",
  },
  {
    rule: "age.unknown_unit",
    description: "patientonsetage is present but patientonsetageunit is missing or not 800–805; age set to null (reports).",
  },
  {
    rule: "age.not_numeric",
    description: "patientonsetage is present but not a number; age set to null (reports).",
  },
  {
    rule: "age.implausible",
    description: "Age after conversion is negative or above 130 years; age set to null (reports).",
  },
  {
    rule: "weight.implausible",
    description: "patientweight is present but not a number greater than 0 and less than 700 kg; weight set to null (reports).",
  },
  {
    rule: "country.invalid_code",
    description: "occurcountry or primarysourcecountry is present but not a valid ISO-2 code; the field is ignored (field values).",
  },
  {
    rule: "country.from_primarysourcecountry",
    description: "No valid occurcountry; country taken from primarysourcecountry (reports).",
  },
  {
    rule: "country.from_reporter_country_code",
    description: "No valid occurcountry or primarysourcecountry; country taken from primarysource.reportercountry written as an ISO-2 code (reports).",
  },
  {
    rule: "country.from_reporter_country_name",
    description: "No valid occurcountry or primarysourcecountry; country mapped from the name in primarysource.reportercountry (reports).",
  },
  {
    rule: "country.unresolved",
    description: "A country field is present but none resolves to an ISO-2 code (e.g. \"COUNTRY NOT SPECIFIED\"); country set to null (reports).",
  },
  {
    rule: "drug.name_from_medicinalproduct",
    description: "Drug has no openfda.generic_name; its name is the cleaned medicinalproduct (drugs).",
  },
  {
    rule: "drug.medicinalproduct_cleaned",
    description:
      "Cleaning changed the medicinalproduct text used as the drug name (case, whitespace, punctuation, dose strength, WHO-Drug code, \"(UNKNOWN)\") (drugs).",
  },
  {
    rule: "drug.no_name_dropped",
    description: "Drug entry has neither openfda.generic_name nor a usable medicinalproduct; the drug is dropped.",
  },
  {
    rule: "drug.duplicate_merged",
    description:
      "Drug entry repeats the name and role of an earlier entry in the same report; merged into it (names unioned), the repeat is dropped.",
  },
  {
    rule: "reaction.empty_pt_dropped",
    description: "Reaction has an empty or missing reactionmeddrapt; the reaction is dropped.",
  },
  {
    rule: "reaction.duplicate_merged",
    description:
      "Reaction repeats a PT already in the same report; merged keeping the most severe outcome (fatal > not_recovered > recovered_with_sequelae > recovering > recovered > unknown), the repeat is dropped.",
  },
] as const satisfies readonly QualityRuleDefinition[];

export type DrugEventRuleId = (typeof DRUG_EVENT_RULES)[number]["rule"];
