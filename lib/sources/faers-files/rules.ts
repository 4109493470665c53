import { NORMALIZATION_RULES_VERSION } from "@/lib/analytics/normalize";
import type { QualityRuleDefinition } from "@/lib/analytics/normalize/quality-tally";

/**
 * Version of the FAERS-file import rules, on top of the shared normalization helpers' version
 * (age, country, product cleaning come from lib/analytics/normalize). Bump the suffix when a rule here
 * changes what an imported record contains.
 */
export const FAERS_FILE_RULES_VERSION = `${NORMALIZATION_RULES_VERSION}+faers-files.1`;

// Every rule importFaers applies. `changed` and `dropped` count the unit named in each description.

export const FAERS_FILE_RULES = [
  {
    rule: "line.blank_skipped",
    description: "A blank line inside a table file was skipped (lines).",
  },
  {
    rule: "text.windows_1252_decoded",
    description:
      "A line had bytes that are not valid UTF-8 and was decoded as Windows-1252/latin1 (lines; lines that are valid UTF-8 are decoded as UTF-8).",
  },
  {
    rule: "report.missing_id",
    description: "DEMO row without primaryid (legacy: isr) or caseid (legacy: case); the row is dropped (reports).",
  },
  {
    rule: "report.deleted_case",
    description: "DEMO row whose caseid is on an FDA deleted-cases list (DELETE file) of any imported quarter; every version is dropped (reports).",
  },
  {
    rule: "report.superseded_version",
    description:
      "Another DEMO row has the same caseid and is newer: FAERS rows beat legacy AERS rows; then higher caseversion (legacy: higher isr), then later fda_dt, then higher primaryid, then later input. The older row is dropped (reports).",
  },
  {
    rule: "version.not_integer",
    description: "caseversion is present but not a non-negative integer; version set to null (reports).",
  },
  {
    rule: "date.received_from_fda_dt",
    description:
      "No valid init_fda_dt (always the case in legacy AERS, which has no such column); receivedDate taken from fda_dt, the receipt date of this version (reports).",
  },
  {
    rule: "date.invalid",
    description: "Neither init_fda_dt nor fda_dt is a valid YYYYMMDD date; receivedDate set to null (reports).",
  },
  {
    rule: "code.unrecognized_value",
    description:
      "A coded field (sex/gndr_cod, occp_cod, role_cod, outc_cod) holds a value outside its FAERS code list; mapped to unknown or ignored (field values).",
  },
  {
    rule: "reporter.hp_as_other_hcp",
    description: 'occp_cod "HP" (health professional, no detail) mapped to reporterQualification "other_hcp" (reports).',
  },
  {
    rule: "age.converted_to_years",
    description: "age was given in decades, months, weeks, days or hours (age_cod DEC, MON, WK, DY, HR) and converted to years (reports).",
  },
  {
    rule: "age.unknown_unit",
    description: "age is present but age_cod is missing or not DEC/YR/MON/WK/DY/HR; age set to null (reports).",
  },
  {
    rule: "age.not_numeric",
    description: "age is present but not a number; age set to null (reports).",
  },
  {
    rule: "age.implausible",
    description: "Age after conversion is negative or above 130 years; age set to null (reports).",
  },
  {
    rule: "weight.converted_to_kg",
    description: "wt was given in pounds or grams (wt_cod LBS, GMS) and converted to kg (reports).",
  },
  {
    rule: "weight.unknown_unit",
    description: "wt is present but wt_cod is missing or not KG/LBS/GMS; weight set to null (reports).",
  },
  {
    rule: "weight.implausible",
    description: "wt is not a number, or not greater than 0 and less than 700 kg after conversion; weight set to null (reports).",
  },
  {
    rule: "country.invalid_code",
    description: "occr_country is present but not a valid ISO-2 code; the field is ignored (field values).",
  },
  {
    rule: "country.from_reporter_country_code",
    description: "No valid occr_country; country taken from reporter_country written as an ISO-2 code (reports).",
  },
  {
    rule: "country.from_reporter_country_name",
    description: "No valid occr_country; country mapped from a country name in reporter_country (reports).",
  },
  {
    rule: "country.unresolved",
    description: 'A country field is present but none resolves to an ISO-2 code (e.g. "COUNTRY NOT SPECIFIED"); country set to null (reports).',
  },
  {
    rule: "country.not_in_layout",
    description: "Legacy AERS DEMO has no country columns; country set to null (reports).",
  },
  {
    rule: "serious.no_outc_file",
    description: "No OUTC file was imported for the report's quarter, so seriousness is unknown; serious set to null (reports).",
  },
  {
    rule: "row.of_dropped_report",
    description: "DRUG/REAC/OUTC/RPSR/THER/INDI row of a report dropped as deleted or superseded; the row is dropped (rows).",
  },
  {
    rule: "row.orphan",
    description: "DRUG/REAC/OUTC/RPSR/THER/INDI row whose primaryid (legacy: isr) is in no imported DEMO file; the row is dropped (rows).",
  },
  {
    rule: "drug.unknown_role",
    description: "role_cod is blank or not PS/SS/C/I; role set to unknown (drugs). Unknown-role drugs count only under roles=any.",
  },
  {
    rule: "drug.drugname_cleaned",
    description:
      'Cleaning changed the drugname text used as the drug name (case, whitespace, punctuation, dose strength, WHO-Drug code, "(UNKNOWN)"), as for openFDA medicinalproduct (drugs).',
  },
  {
    rule: "drug.name_from_prod_ai",
    description: "drugname is empty after cleaning; the drug is named by its cleaned prod_ai (drugs).",
  },
  {
    rule: "drug.no_name_dropped",
    description: "Drug row has neither a usable drugname nor a prod_ai; the drug is dropped.",
  },
  {
    rule: "drug.duplicate_merged",
    description:
      "Drug row repeats the cleaned name and CaseReport role of an earlier row of the same report (PS and SS are both suspect); merged in the line listing, the repeat is dropped there (drugs). Product matching and 2×2 counts still see every row.",
  },
  {
    rule: "reaction.empty_pt_dropped",
    description: "REAC row with an empty pt; the reaction is dropped.",
  },
  {
    rule: "reaction.duplicate_merged",
    description: "REAC row repeats a PT (after upper-casing) already listed for the report; the repeat is dropped (reactions).",
  },
  {
    rule: "reaction.outcome_not_in_files",
    description:
      'FAERS/AERS ASCII files have no reaction-level outcome (OUTC is per report); every reaction\'s outcome is "unknown" (reactions).',
  },
  {
    rule: "outcome.duplicate_code",
    description: "OUTC row repeats an outcome code already listed for the report; ignored (rows).",
  },
] as const satisfies readonly QualityRuleDefinition[];

export type FaersFileRuleId = (typeof FAERS_FILE_RULES)[number]["rule"];
