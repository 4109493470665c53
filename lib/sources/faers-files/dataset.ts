import type { AgeBandId } from "@/lib/analytics/age-bands";
import type { DataQuality, ReporterQualification, Sex } from "@/lib/schemas/case-report";
import type { FaersLayout, FaersTable } from "./header";
import type { StringTable } from "./intern";

// The in-memory result of importing FAERS quarterly files: one compact record per kept report
// (latest version per case, deleted cases removed) plus the string tables the records point into.

export interface FaersReportRecord {
  /** FAERS primaryid, legacy isr. */
  primaryid: string;
  /** FAERS caseid, legacy case. This is CaseReport.reportId (openFDA's safetyreportid is the case). */
  caseid: string;
  layout: FaersLayout;
  /** FAERS caseversion; null in legacy AERS or when not an integer. */
  version: number | null;
  /** init_fda_dt (first receipt of the case, ≈ openFDA receivedate), else fda_dt; YYYYMMDD, 0 = unknown. */
  receivedDate: number;
  /** fda_dt: receipt of this version; YYYYMMDD, 0 = unknown. */
  fdaDate: number;
  ageYears: number | null;
  ageBand: AgeBandId | "unknown";
  sex: Sex;
  weightKg: number | null;
  country: string | null;
  reporter: ReporterQualification;
  /** Index into FaersDataset.quarters. */
  quarter: number;
  /** OUTC codes as bits (DE 1, LT 2, HO 4, DS 8, CA 16, RI 32, OT 64). */
  outcomeMask: number;
  /** Flat triples per DRUG row, in file order: [name id, prod_ai id or -1, role index (PS 0, SS 1, C 2, I 3, unknown 4)]. Ids point into `products`. */
  drugs: number[];
  /** OR of the role bits of `drugs`. */
  roleMask: number;
  /** Distinct PT ids (into `terms`), in file order. */
  pts: number[];
  /** Distinct indication PT ids (INDI.indi_pt, into `terms`). */
  indications: number[];
  /** Distinct RPSR codes (into `reportSources`). */
  reportSources: number[];
}

export interface FaersFileInfo {
  /** Base name of the file. */
  file: string;
  /** Table, or "DELETE" for a deleted-cases list. */
  table: FaersTable | "DELETE";
  layout: FaersLayout | null;
  quarter: string;
  /** Physical lines, header included. */
  lines: number;
  /** Data rows read (not blank, not the header). */
  rows: number;
  blankLines: number;
  /** Lines decoded as Windows-1252/latin1 because they were not valid UTF-8. */
  windows1252Lines: number;
}

export interface FaersQuarterInfo {
  /** Label such as "2017Q2" (from the file names) or the caller's. */
  label: string;
  layout: FaersLayout;
  tables: FaersTable[];
  deleteLists: number;
}

export interface FaersDataset {
  reports: FaersReportRecord[];
  /** Cleaned drugname and prod_ai values (one table for both, so the same text is one product). */
  products: StringTable;
  /** Upper-cased MedDRA PTs of REAC and INDI. */
  terms: StringTable;
  /** RPSR codes. */
  reportSources: StringTable;
  quarters: FaersQuarterInfo[];
  files: FaersFileInfo[];
  /** Case ids on the imported DELETE lists. */
  deletedCaseIds: number;
  quality: DataQuality;
}
