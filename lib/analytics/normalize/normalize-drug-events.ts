import { toAgeBand } from "@/lib/analytics/age-bands";
import type { CaseReport, DataQuality } from "@/lib/schemas/case-report";
import { computeAgeYears, type AgeStatus } from "./age";
import { toCaseDrugs } from "./case-drugs";
import { toCaseReactions } from "./case-reactions";
import { toIsoCountry, type CountrySource } from "./country";
import { toReporterQualification, toSerious, toSeriousnessFlags, toSex } from "./drug-event-codes";
import { DRUG_EVENT_RULES, type DrugEventRuleId } from "./drug-event-rules";
import { toIsoDate } from "./iso-date";
import { createQualityTally, type QualityTally } from "./quality-tally";
import { rawDrugEventSchema, type RawDrugEvent } from "./raw-drug-event-schema";
import { NORMALIZATION_RULES_VERSION } from "./rules-version";
import { selectLatestByKey } from "./select-latest";
import { toStrictNumber } from "./strict-number";
import { toWeightKg } from "./weight";

interface Candidate {
  reportId: string;
  version: number | null;
  versionInvalid: boolean;
  raw: RawDrugEvent;
}

function toReportVersion(raw: string | undefined): { version: number | null; invalid: boolean } {
  if (raw === undefined || raw.trim() === "") return { version: null, invalid: false };
  const value = toStrictNumber(raw);
  if (value === null || !Number.isSafeInteger(value) || value < 0) return { version: null, invalid: true };
  return { version: value, invalid: false };
}

function toCandidate(record: unknown): Candidate | null {
  const parsed = rawDrugEventSchema.safeParse(record);
  if (!parsed.success) return null;
  const reportId = parsed.data.safetyreportid?.trim() ?? "";
  if (reportId === "") return null;
  const { version, invalid } = toReportVersion(parsed.data.safetyreportversion);
  return { reportId, version, versionInvalid: invalid, raw: parsed.data };
}

// Outcomes that are a data-quality finding; "missing", "years" and "occurcountry" are the plain path.
const AGE_RULE_BY_STATUS: Partial<Record<AgeStatus, DrugEventRuleId>> = {
  converted: "age.converted_to_years",
  unknown_unit: "age.unknown_unit",
  not_numeric: "age.not_numeric",
  implausible: "age.implausible",
};

const COUNTRY_RULE_BY_SOURCE: Partial<Record<CountrySource, DrugEventRuleId>> = {
  primarysourcecountry: "country.from_primarysourcecountry",
  reporter_country_code: "country.from_reporter_country_code",
  reporter_country_name: "country.from_reporter_country_name",
};

function toCaseReport(candidate: Candidate, tally: QualityTally<DrugEventRuleId>): CaseReport {
  const { raw } = candidate;
  const patient = raw.patient;
  if (candidate.versionInvalid) tally.change("version.not_integer");

  const receivedDate = toIsoDate(raw.receivedate);
  if (receivedDate === null) tally.change("date.invalid_receivedate");

  const serious = toSerious(raw.serious);
  const sex = toSex(patient?.patientsex);
  const qualification = toReporterQualification(raw.primarysource?.qualification);
  for (const lookup of [serious, sex, qualification]) {
    if (lookup.unrecognized) tally.change("code.unrecognized_value");
  }

  const age = computeAgeYears(patient?.patientonsetage, patient?.patientonsetageunit);
  const ageRule = AGE_RULE_BY_STATUS[age.status];
  if (ageRule) tally.change(ageRule);

  const weight = toWeightKg(patient?.patientweight);
  if (weight.status === "implausible") tally.change("weight.implausible");

  const country = toIsoCountry({
    occurcountry: raw.occurcountry,
    primarysourcecountry: raw.primarysourcecountry,
    reportercountry: raw.primarysource?.reportercountry,
  });
  if (country.invalidCodes > 0) tally.change("country.invalid_code", country.invalidCodes);
  const countryRule = COUNTRY_RULE_BY_SOURCE[country.source];
  if (countryRule) tally.change(countryRule);
  if (country.unresolved) tally.change("country.unresolved");

  return {
    reportId: candidate.reportId,
    version: candidate.version,
    receivedDate,
    serious: serious.value,
    seriousness: toSeriousnessFlags(raw),
    ageYears: age.ageYears,
    ageBand: toAgeBand(age.ageYears),
    sex: sex.value,
    weightKg: weight.weightKg,
    country: country.country,
    reporterQualification: qualification.value,
    drugs: toCaseDrugs(patient?.drug ?? [], tally),
    reactions: toCaseReactions(patient?.reaction ?? [], tally),
  };
}

/**
 * Normalizes raw openFDA drug/event (FAERS) records into distinct CaseReports plus a DataQuality
 * summary listing every rule in DRUG_EVENT_RULES with its counts (zero included).
 *
 * - Input: anything; records that are not objects or lack `safetyreportid` are dropped
 *   ("report.missing_id"). Wrongly typed fields never drop a record; they read as missing.
 * - Distinct reports: one per `safetyreportid`, keeping the highest `safetyreportversion` (a missing
 *   version ranks lowest; ties keep the later record) — "report.superseded_version". Output is in
 *   first-seen order of each id. Only kept records are normalized, so the other counts describe the
 *   output.
 * - `inputRecords` = records.length; `outputRecords` = reports.length
 *   = inputRecords − missing_id.dropped − superseded_version.dropped.
 * Pure: no I/O, no clock.
 */
export function normalizeDrugEvents(records: readonly unknown[]): { reports: CaseReport[]; quality: DataQuality } {
  const tally = createQualityTally(DRUG_EVENT_RULES);
  const input: readonly unknown[] = Array.isArray(records) ? records : [];
  const candidates: Candidate[] = [];
  for (const record of input) {
    const candidate = toCandidate(record);
    if (candidate) candidates.push(candidate);
    else tally.drop("report.missing_id");
  }

  const { kept, superseded } = selectLatestByKey(
    candidates,
    (candidate) => candidate.reportId,
    (candidate) => candidate.version ?? Number.NEGATIVE_INFINITY,
  );
  tally.drop("report.superseded_version", superseded);

  const reports = kept.map((candidate) => toCaseReport(candidate, tally));
  return {
    reports,
    quality: tally.toDataQuality({ rulesVersion: NORMALIZATION_RULES_VERSION, inputRecords: input.length, outputRecords: reports.length }),
  };
}
