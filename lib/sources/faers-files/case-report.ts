import type { CaseDrug, CaseReport } from "@/lib/schemas/case-report";
import { ROLE_CODES, ROLE_UNKNOWN, toCaseRole, toOutcomeCodes, toSeriousnessFromOutcomes, type OutcomeCode, type RoleCode } from "./codes";
import type { FaersDataset, FaersReportRecord } from "./dataset";
import { toIsoFromNumber } from "./dates";

/** A CaseReport plus what only the FAERS files know. Structurally a CaseReport (extra key `faers`). */
export interface FaersCaseReport extends CaseReport {
  faers: {
    primaryid: string;
    caseid: string;
    layout: "faers" | "aers";
    /** fda_dt: receipt of this version (receivedDate is the first receipt, init_fda_dt, when known). */
    fdaDate: string | null;
    /** OUTC codes of the report (DE, LT, HO, DS, CA, RI, OT). */
    outcomeCodes: OutcomeCode[];
    /** role_cod of each entry of `drugs` (same order); PS wins over SS when both rows were merged. null = unknown. */
    drugRoleCodes: (RoleCode | null)[];
    /** Distinct INDI indication PTs, upper-cased. */
    indications: string[];
    /** Distinct RPSR report-source codes. */
    reportSources: string[];
  };
}

/**
 * Materializes one imported report as a CaseReport.
 * - reportId = caseid (openFDA's safetyreportid is the case), version = caseversion (null in legacy AERS).
 * - receivedDate = init_fda_dt (first receipt), else fda_dt. serious/seriousness from OUTC (any code →
 *   serious; RI and OT → "other"); serious is null when the quarter had no OUTC file.
 * - drugs: name = cleaned drugname (cleaned prod_ai when drugname is empty), nameSource "medicinalproduct",
 *   activeSubstance = cleaned prod_ai; no openFDA harmonization, so genericNames/brandNames are empty.
 *   Rows with the same name and CaseReport role are one drug (first row's position; PS beats SS).
 * - reactions: one per distinct upper-cased PT; outcome "unknown" (FAERS ASCII has no reaction outcome).
 */
export function toFaersCaseReport(dataset: FaersDataset, record: FaersReportRecord): FaersCaseReport {
  const outcomesKnown = dataset.quarters[record.quarter]?.tables.includes("OUTC") ?? false;
  const drugs: CaseDrug[] = [];
  const drugRoleCodes: (RoleCode | null)[] = [];
  const positions = new Map<string, number>();
  for (let i = 0; i + 2 < record.drugs.length; i += 3) {
    const nameId = record.drugs[i] ?? -1;
    const ingredientId = record.drugs[i + 1] ?? -1;
    const roleIndex = record.drugs[i + 2] ?? ROLE_UNKNOWN;
    const role = toCaseRole(roleIndex);
    const name = dataset.products.valueOf(nameId);
    const activeSubstance = ingredientId < 0 ? null : dataset.products.valueOf(ingredientId);
    const key = `${nameId}:${role}`;
    const position = positions.get(key);
    if (position !== undefined) {
      const existing = drugs[position];
      if (existing) existing.activeSubstance ??= activeSubstance;
      if (roleIndex === 0) drugRoleCodes[position] = "PS";
      continue;
    }
    positions.set(key, drugs.length);
    drugs.push({ name, nameSource: "medicinalproduct", role, genericNames: [], brandNames: [], activeSubstance });
    drugRoleCodes.push(ROLE_CODES[roleIndex] ?? null);
  }
  return {
    reportId: record.caseid,
    version: record.version,
    receivedDate: toIsoFromNumber(record.receivedDate),
    serious: outcomesKnown ? record.outcomeMask !== 0 : null,
    seriousness: toSeriousnessFromOutcomes(record.outcomeMask),
    ageYears: record.ageYears,
    ageBand: record.ageBand,
    sex: record.sex,
    weightKg: record.weightKg,
    country: record.country,
    reporterQualification: record.reporter,
    drugs,
    reactions: record.pts.map((id) => ({ pt: dataset.terms.valueOf(id), outcome: "unknown" as const })),
    faers: {
      primaryid: record.primaryid,
      caseid: record.caseid,
      layout: record.layout,
      fdaDate: toIsoFromNumber(record.fdaDate),
      outcomeCodes: toOutcomeCodes(record.outcomeMask),
      drugRoleCodes,
      indications: record.indications.map((id) => dataset.terms.valueOf(id)),
      reportSources: record.reportSources.map((id) => dataset.reportSources.valueOf(id)),
    },
  };
}
