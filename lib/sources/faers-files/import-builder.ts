import { toAgeBand } from "@/lib/analytics/age-bands";
import { computeAgeYears, MAX_PLAUSIBLE_WEIGHT_KG, normalizeMedicinalProduct, toIsoCountry } from "@/lib/analytics/normalize";
import { toCleanUpperText } from "@/lib/analytics/normalize/clean-text";
import { createQualityTally } from "@/lib/analytics/normalize/quality-tally";
import { toStrictNumber } from "@/lib/analytics/normalize/strict-number";
import {
  AGE_COD_TO_E2B,
  KG_PER_WEIGHT_UNIT,
  roleBit,
  ROLE_UNKNOWN,
  toCaseRole,
  toFaersSex,
  toOutcomeBit,
  toReporterFromOccp,
  toRoleIndex,
} from "./codes";
import type { FaersDataset, FaersFileInfo, FaersQuarterInfo, FaersReportRecord } from "./dataset";
import { toDateNumber } from "./dates";
import type { FaersLayout } from "./header";
import { CleaningInterner, detachString, StringTable } from "./intern";
import type { DemoRow, DrugRow, IndiRow, OutcRow, ReacRow, RpsrRow, TherRow } from "./rows";
import { FAERS_FILE_RULES, FAERS_FILE_RULES_VERSION, type FaersFileRuleId } from "./rules";

// Pure accumulator behind importFaersQuarters: rows in (any order within a phase), FaersDataset out.
// Phase 1 takes DELETE ids and DEMO rows and keeps one candidate per case; endDemo() fixes the winners.
// Phase 2 attaches DRUG/REAC/OUTC/RPSR/THER/INDI rows to the winners by primaryid. Memory is one small
// record per kept report plus interned strings; rows are never kept.

interface Candidate {
  record: FaersReportRecord;
  /** Rules that fired while normalizing this row; tallied only if it wins. */
  findings: FaersFileRuleId[];
  rank: { layout: number; version: number; fdaDate: number; primaryid: string; order: number };
}

function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `a` is a newer version of the case than `b` (see rule report.superseded_version). */
function isNewer(a: Candidate["rank"], b: Candidate["rank"]): boolean {
  if (a.layout !== b.layout) return a.layout > b.layout;
  if (a.version !== b.version) return a.version > b.version;
  if (a.fdaDate !== b.fdaDate) return a.fdaDate > b.fdaDate;
  const ids = compareIds(a.primaryid, b.primaryid);
  if (ids !== 0) return ids > 0;
  return a.order > b.order;
}

const AGE_RULES: Partial<Record<string, FaersFileRuleId>> = {
  converted: "age.converted_to_years",
  unknown_unit: "age.unknown_unit",
  not_numeric: "age.not_numeric",
  implausible: "age.implausible",
};

function toWeight(rawWeight: string, rawUnit: string, findings: FaersFileRuleId[]): number | null {
  if (rawWeight === "") return null;
  const unit = rawUnit.toUpperCase();
  const kgPerUnit = Object.hasOwn(KG_PER_WEIGHT_UNIT, unit) ? KG_PER_WEIGHT_UNIT[unit] : undefined;
  if (kgPerUnit === undefined) {
    findings.push("weight.unknown_unit");
    return null;
  }
  const value = toStrictNumber(rawWeight);
  const kg = value === null ? null : value * kgPerUnit;
  if (kg === null || kg <= 0 || kg >= MAX_PLAUSIBLE_WEIGHT_KG) {
    findings.push("weight.implausible");
    return null;
  }
  if (kgPerUnit !== 1) findings.push("weight.converted_to_kg");
  return kg;
}

function toVersion(row: DemoRow, layout: FaersLayout, findings: FaersFileRuleId[]): number | null {
  if (layout === "aers" || row.caseversion === "") return null;
  const value = toStrictNumber(row.caseversion);
  if (value === null || !Number.isSafeInteger(value) || value < 0) {
    findings.push("version.not_integer");
    return null;
  }
  return value;
}

function toCountry(row: DemoRow, layout: FaersLayout, findings: FaersFileRuleId[]): string | null {
  if (layout === "aers") {
    findings.push("country.not_in_layout");
    return null;
  }
  const result = toIsoCountry({ occurcountry: row.occr_country, reportercountry: row.reporter_country });
  for (let i = 0; i < result.invalidCodes; i += 1) findings.push("country.invalid_code");
  if (result.source === "reporter_country_code") findings.push("country.from_reporter_country_code");
  if (result.source === "reporter_country_name") findings.push("country.from_reporter_country_name");
  if (result.unresolved) findings.push("country.unresolved");
  return result.country;
}

/** Normalizes one DEMO row into a report record (drugs and reactions still empty). Pure. */
function toCandidate(row: DemoRow, layout: FaersLayout, quarter: number, order: number): Candidate {
  const findings: FaersFileRuleId[] = [];
  const version = toVersion(row, layout, findings);
  const initFdaDate = layout === "faers" ? toDateNumber(row.init_fda_dt) : 0;
  const fdaDate = toDateNumber(row.fda_dt);
  if (initFdaDate === 0) findings.push(fdaDate === 0 ? "date.invalid" : "date.received_from_fda_dt");

  const age = computeAgeYears(row.age, AGE_COD_TO_E2B[row.age_cod.toUpperCase()] ?? row.age_cod);
  const ageRule = AGE_RULES[age.status];
  if (ageRule) findings.push(ageRule);

  const sex = toFaersSex(row.sex);
  if (sex.unrecognized) findings.push("code.unrecognized_value");
  const reporter = toReporterFromOccp(row.occp_cod);
  if (reporter.unrecognized) findings.push("code.unrecognized_value");
  if (reporter.fromHp) findings.push("reporter.hp_as_other_hcp");

  const isrNumber = layout === "aers" ? Number(row.primaryid) : NaN;
  return {
    record: {
      primaryid: detachString(row.primaryid),
      caseid: detachString(row.caseid),
      layout,
      version,
      receivedDate: initFdaDate || fdaDate,
      fdaDate,
      ageYears: age.ageYears,
      ageBand: toAgeBand(age.ageYears),
      sex: sex.value,
      weightKg: toWeight(row.wt, row.wt_cod, findings),
      country: toCountry(row, layout, findings),
      reporter: reporter.value,
      quarter,
      outcomeMask: 0,
      drugs: [],
      roleMask: 0,
      pts: [],
      indications: [],
      reportSources: [],
    },
    findings,
    rank: {
      layout: layout === "faers" ? 1 : 0,
      version: layout === "aers" ? (Number.isFinite(isrNumber) ? isrNumber : -1) : (version ?? -1),
      fdaDate,
      primaryid: row.primaryid,
      order,
    },
  };
}

export interface FaersImportBuilder {
  /** Registers a quarter; rows are attributed to the returned index. */
  addQuarter(info: FaersQuarterInfo): number;
  addDeletedCaseId(caseid: string): void;
  addDemo(row: DemoRow, layout: FaersLayout, quarter: number): void;
  /** Ends phase 1: keeps the newest version of each non-deleted case. */
  endDemo(): void;
  addDrug(row: DrugRow): void;
  addReac(row: ReacRow): void;
  addOutc(row: OutcRow): void;
  addRpsr(row: RpsrRow): void;
  addTher(row: TherRow): void;
  addIndi(row: IndiRow): void;
  /** Line-level findings of the file reader. */
  noteLines(counts: { blank: number; windows1252: number }): void;
  finish(files: FaersFileInfo[]): FaersDataset;
}

/** Creates the accumulator. See FAERS_FILE_RULES for every rule it applies and counts. */
export function createFaersImportBuilder(): FaersImportBuilder {
  const tally = createQualityTally(FAERS_FILE_RULES);
  const quarters: FaersQuarterInfo[] = [];
  const deleted = new Set<string>();
  const candidates = new Map<string, Candidate>();
  /** primaryids of DEMO rows dropped as deleted or superseded: their other rows are not orphans. */
  const droppedPrimaryIds = new Set<string>();
  let demoRows = 0;
  let phase: "demo" | "rows" | "done" = "demo";
  let reports: FaersReportRecord[] = [];
  const byPrimaryId = new Map<string, number>();

  const products = new StringTable();
  const terms = new StringTable();
  const reportSources = new StringTable();
  const productCleaner = new CleaningInterner(products, normalizeMedicinalProduct);
  const termCleaner = new CleaningInterner(terms, toCleanUpperText);

  const requirePhase = (wanted: typeof phase, action: string) => {
    if (phase !== wanted) throw new Error(`FAERS import: ${action} is not allowed in phase "${phase}"`);
  };

  /** The kept report a row belongs to, or null after counting the row as dropped/orphan. */
  const reportOf = (primaryid: string): FaersReportRecord | null => {
    requirePhase("rows", "adding table rows");
    const index = byPrimaryId.get(primaryid);
    if (index !== undefined) return reports[index] ?? null;
    tally.drop(droppedPrimaryIds.has(primaryid) ? "row.of_dropped_report" : "row.orphan");
    return null;
  };

  function endDemo(): void {
    requirePhase("demo", "endDemo");
    phase = "rows";
    reports = [];
    for (const candidate of candidates.values()) {
      for (const rule of candidate.findings) tally.change(rule);
      byPrimaryId.set(candidate.record.primaryid, reports.length);
      reports.push(candidate.record);
    }
    candidates.clear();
  }

  return {
    addQuarter(info) {
      quarters.push(info);
      return quarters.length - 1;
    },
    addDeletedCaseId(caseid) {
      requirePhase("demo", "adding deleted case ids");
      const id = caseid.trim();
      if (id !== "") deleted.add(detachString(id));
    },
    addDemo(row, layout, quarter) {
      requirePhase("demo", "adding DEMO rows");
      demoRows += 1;
      if (row.primaryid === "" || row.caseid === "") {
        tally.drop("report.missing_id");
        return;
      }
      if (deleted.has(row.caseid)) {
        tally.drop("report.deleted_case");
        droppedPrimaryIds.add(detachString(row.primaryid));
        return;
      }
      const candidate = toCandidate(row, layout, quarter, demoRows);
      const current = candidates.get(candidate.record.caseid);
      if (current === undefined) {
        candidates.set(candidate.record.caseid, candidate);
        return;
      }
      tally.drop("report.superseded_version");
      const [winner, loser] = isNewer(candidate.rank, current.rank) ? [candidate, current] : [current, candidate];
      droppedPrimaryIds.add(loser.record.primaryid);
      if (winner === candidate) candidates.set(candidate.record.caseid, candidate);
    },
    endDemo,
    addDrug(row) {
      const report = reportOf(row.primaryid);
      if (!report) return;
      const role = toRoleIndex(row.role_cod);
      if (role.unrecognized) tally.change("code.unrecognized_value");
      if (role.index === ROLE_UNKNOWN) tally.change("drug.unknown_role");
      const name = productCleaner.idOf(row.drugname);
      const ingredient = productCleaner.idOf(row.prod_ai);
      if (name.id < 0 && ingredient.id < 0) {
        tally.drop("drug.no_name_dropped");
        return;
      }
      if (name.id < 0) tally.change("drug.name_from_prod_ai");
      else if (name.changed) tally.change("drug.drugname_cleaned");
      report.drugs.push(name.id < 0 ? ingredient.id : name.id, ingredient.id, role.index);
      report.roleMask |= roleBit(role.index);
    },
    addReac(row) {
      const report = reportOf(row.primaryid);
      if (!report) return;
      const pt = termCleaner.idOf(row.pt);
      if (pt.id < 0) {
        tally.drop("reaction.empty_pt_dropped");
        return;
      }
      if (report.pts.includes(pt.id)) tally.drop("reaction.duplicate_merged");
      else report.pts.push(pt.id);
    },
    addOutc(row) {
      const report = reportOf(row.primaryid);
      if (!report) return;
      const bit = toOutcomeBit(row.outc_cod);
      if (bit === 0) {
        if (row.outc_cod !== "") tally.change("code.unrecognized_value");
        return;
      }
      if ((report.outcomeMask & bit) !== 0) tally.drop("outcome.duplicate_code");
      report.outcomeMask |= bit;
    },
    addRpsr(row) {
      const report = reportOf(row.primaryid);
      if (!report || row.rpsr_cod === "") return;
      const id = reportSources.intern(row.rpsr_cod.toUpperCase());
      if (!report.reportSources.includes(id)) report.reportSources.push(id);
    },
    addTher(row) {
      // THER is read to validate the file and classify its rows; CaseReport has no therapy dates.
      reportOf(row.primaryid);
    },
    addIndi(row) {
      const report = reportOf(row.primaryid);
      if (!report) return;
      const indication = termCleaner.idOf(row.indi_pt);
      if (indication.id >= 0 && !report.indications.includes(indication.id)) report.indications.push(indication.id);
    },
    noteLines(counts) {
      if (counts.blank > 0) tally.drop("line.blank_skipped", counts.blank);
      if (counts.windows1252 > 0) tally.change("text.windows_1252_decoded", counts.windows1252);
    },
    finish(files) {
      if (phase === "demo") endDemo();
      requirePhase("rows", "finish");
      phase = "done";
      for (const report of reports) {
        if (!quarters[report.quarter]?.tables.includes("OUTC")) tally.change("serious.no_outc_file");
        tally.change("reaction.outcome_not_in_files", report.pts.length);
        tally.drop("drug.duplicate_merged", countMergedDrugs(report.drugs));
      }
      return {
        reports,
        products,
        terms,
        reportSources,
        quarters,
        files,
        deletedCaseIds: deleted.size,
        quality: tally.toDataQuality({ rulesVersion: FAERS_FILE_RULES_VERSION, inputRecords: demoRows, outputRecords: reports.length }),
      };
    },
  };
}

/** Drug rows of one report that repeat the name and CaseReport role of an earlier row. */
export function countMergedDrugs(drugs: readonly number[]): number {
  const seen = new Set<string>();
  let merged = 0;
  for (let i = 0; i + 2 < drugs.length; i += 3) {
    const key = `${drugs[i]}:${toCaseRole(drugs[i + 2] ?? ROLE_UNKNOWN)}`;
    if (seen.has(key)) merged += 1;
    else seen.add(key);
  }
  return merged;
}
