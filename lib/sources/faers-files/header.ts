import { FaersFileError } from "./errors";

// Header lines of the FDA quarterly ASCII extracts: which layout (FAERS 2012Q4+ or legacy AERS
// 2004–2012Q3), which table, and where each column sits. Columns are addressed by their canonical
// FAERS (lower-case) name, so the row mappers never see the legacy spellings.

export type FaersLayout = "faers" | "aers";
export const FAERS_TABLES = ["DEMO", "DRUG", "REAC", "OUTC", "RPSR", "THER", "INDI"] as const;
export type FaersTable = (typeof FAERS_TABLES)[number];

export interface FaersHeader {
  layout: FaersLayout;
  table: FaersTable;
  /** Canonical column name → field index. */
  columns: ReadonlyMap<string, number>;
  /** Number of fields a data line must have, not counting a trailing `$`. */
  width: number;
  /** Extra empty fields a data line may carry at its end: one for a trailing `$`, plus filler columns. */
  trailingSlack: number;
  /** Header names as written (lower-cased, trimmed), filler columns removed. */
  names: readonly string[];
}

// Legacy AERS (and early FAERS) spellings → FAERS names. "isr"/"case" are the legacy report and case
// keys; FAERS 2012Q4–2014Q2 DEMO used gndr_cod, some OUTC files outc_code.
const COLUMN_SYNONYMS: Readonly<Record<string, string>> = {
  isr: "primaryid",
  case: "caseid",
  i_f_cod: "i_f_code",
  gndr_cod: "sex",
  outc_code: "outc_cod",
};

// Legacy THER/INDI call the drug link "drug_seq"; FAERS calls it dsg_drug_seq / indi_drug_seq.
const TABLE_SYNONYMS: Partial<Record<FaersTable, Readonly<Record<string, string>>>> = {
  THER: { drug_seq: "dsg_drug_seq" },
  INDI: { drug_seq: "indi_drug_seq" },
};

/** Columns a table must have (canonical names). Everything else is optional and reads as "". */
export const REQUIRED_COLUMNS: Readonly<Record<FaersTable, readonly string[]>> = {
  DEMO: ["primaryid", "caseid"],
  DRUG: ["primaryid", "role_cod", "drugname"],
  REAC: ["primaryid", "pt"],
  OUTC: ["primaryid", "outc_cod"],
  RPSR: ["primaryid", "rpsr_cod"],
  THER: ["primaryid", "dsg_drug_seq", "start_dt"],
  INDI: ["primaryid", "indi_pt"],
};

// Column that identifies a table when the file name does not (checked in this order).
const TABLE_MARKERS: ReadonlyArray<readonly [FaersTable, string]> = [
  ["DRUG", "role_cod"],
  ["OUTC", "outc_cod"],
  ["RPSR", "rpsr_cod"],
  ["INDI", "indi_pt"],
  ["THER", "start_dt"],
  ["REAC", "pt"],
  ["DEMO", "fda_dt"],
];

// Column names R's read.table invents for an unnamed trailing column ("v23" in the legacy samples).
const FILLER_COLUMN = /^v\d+$/;

/** The table a file name announces (DEMO22Q4.txt, drug04q1.TXT.gz …), or null. */
export function tableFromFileName(fileName: string): FaersTable | null {
  const base = fileName.replace(/^.*[\\/]/, "").toUpperCase();
  return FAERS_TABLES.find((table) => base.startsWith(table)) ?? null;
}

/** True for the name of an FDA deleted-cases list (DELETE22Q4.txt, ADR19Q1DeletedCases.txt). */
export function isDeleteListFileName(fileName: string): boolean {
  return /delete/i.test(fileName.replace(/^.*[\\/]/, ""));
}

function canonicalName(raw: string, table: FaersTable | null): string {
  const name = raw.trim().toLowerCase();
  const tableSynonym = table ? TABLE_SYNONYMS[table]?.[name] : undefined;
  return tableSynonym ?? COLUMN_SYNONYMS[name] ?? name;
}

/**
 * Reads the header line of a `$`-delimited FAERS/AERS extract.
 * - Layout: first column `primaryid` → FAERS (2012Q4+); `isr` → legacy AERS. Anything else is an error.
 * - Table: from the columns (role_cod → DRUG, outc_cod → OUTC, rpsr_cod → RPSR, indi_pt → INDI,
 *   start_dt → THER, pt → REAC, fda_dt → DEMO); `expectedTable` (usually from the file name) must agree.
 *   The table's required columns must be present.
 * - A trailing `$` (empty last name) and trailing filler names such as R's `v23` are not columns;
 *   data lines may carry that many extra empty fields.
 * Throws FaersFileError naming `file` and `lineNumber` (1 unless blank lines precede the header).
 */
export function parseFaersHeader(
  line: string,
  file: string,
  options: { expectedTable?: FaersTable | null; lineNumber?: number } = {},
): FaersHeader {
  const lineNumber = options.lineNumber ?? 1;
  const rawNames = line.replace(/^\uFEFF/, "").split("$").map((name) => name.trim().toLowerCase());
  let trailingSlack = 0;
  while (rawNames.length > 1) {
    const last = rawNames[rawNames.length - 1] ?? "";
    if (last !== "" && !FILLER_COLUMN.test(last)) break;
    rawNames.pop();
    trailingSlack += 1;
  }
  // A trailing `$` on data lines is allowed even when the header has none.
  if (trailingSlack === 0) trailingSlack = 1;

  const first = rawNames[0] ?? "";
  let layout: FaersLayout;
  if (first === "primaryid") layout = "faers";
  else if (first === "isr") layout = "aers";
  else {
    throw new FaersFileError(
      file,
      lineNumber,
      `unrecognized header: the first column must be "primaryid" (FAERS, 2012Q4 on) or "isr" (legacy AERS), found "${first.slice(0, 40)}"`,
    );
  }

  const expected = options.expectedTable ?? null;
  const provisional = rawNames.map((name) => canonicalName(name, expected));
  const inferred = TABLE_MARKERS.find(([, marker]) => provisional.includes(marker))?.[0] ?? null;
  if (expected !== null && inferred !== null && inferred !== expected) {
    throw new FaersFileError(file, lineNumber, `expected a ${expected} header, but the columns are those of a ${inferred} file`);
  }
  const table = expected ?? inferred;
  if (table === null) {
    throw new FaersFileError(file, lineNumber, `cannot tell which FAERS table this header belongs to: ${rawNames.join(", ")}`);
  }
  const names = rawNames.map((name) => canonicalName(name, table));
  const columns = new Map<string, number>();
  names.forEach((name, index) => {
    if (name !== "" && !columns.has(name)) columns.set(name, index);
  });
  const missing = REQUIRED_COLUMNS[table].filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw new FaersFileError(file, lineNumber, `${table} header lacks column(s) ${missing.join(", ")}`);
  }
  return { layout, table, columns, width: names.length, trailingSlack, names };
}
