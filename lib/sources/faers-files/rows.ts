import { FaersFileError } from "./errors";
import type { FaersHeader, FaersTable } from "./header";

// Typed rows of the seven quarterly tables. Values are the raw text, trimmed; a column the file's
// layout does not have (prod_ai before 2014Q3, init_fda_dt in legacy AERS …) reads as "".
// `primaryid` is FAERS PRIMARYID or legacy ISR; `caseid` is FAERS CASEID or legacy CASE ("" in legacy
// tables other than DEMO).

export interface DemoRow {
  primaryid: string;
  caseid: string;
  /** FAERS only; "" in legacy AERS. */
  caseversion: string;
  /** I initial, F follow-up. */
  i_f_code: string;
  event_dt: string;
  mfr_dt: string;
  /** FAERS only: date FDA first received the case (first version). */
  init_fda_dt: string;
  /** Date FDA received this version. */
  fda_dt: string;
  rept_cod: string;
  mfr_sndr: string;
  age: string;
  age_cod: string;
  age_grp: string;
  /** FAERS `sex`, legacy/early-FAERS `gndr_cod`. */
  sex: string;
  wt: string;
  wt_cod: string;
  rept_dt: string;
  occp_cod: string;
  reporter_country: string;
  occr_country: string;
}

export interface DrugRow {
  primaryid: string;
  caseid: string;
  drug_seq: string;
  /** PS primary suspect, SS secondary suspect, C concomitant, I interacting. */
  role_cod: string;
  drugname: string;
  /** FAERS 2014Q3 on: active ingredient(s), "\"-separated for combinations. */
  prod_ai: string;
  val_vbm: string;
  route: string;
  dose_vbm: string;
  dechal: string;
  rechal: string;
  nda_num: string;
}

export interface ReacRow {
  primaryid: string;
  caseid: string;
  /** MedDRA preferred term as written (upper case in legacy AERS, mixed case in FAERS). */
  pt: string;
  drug_rec_act: string;
}

export interface OutcRow {
  primaryid: string;
  caseid: string;
  /** DE death, LT life-threatening, HO hospitalization, DS disability, CA congenital anomaly, RI required intervention, OT other serious. */
  outc_cod: string;
}

export interface RpsrRow {
  primaryid: string;
  caseid: string;
  rpsr_cod: string;
}

export interface TherRow {
  primaryid: string;
  caseid: string;
  dsg_drug_seq: string;
  start_dt: string;
  end_dt: string;
  dur: string;
  dur_cod: string;
}

export interface IndiRow {
  primaryid: string;
  caseid: string;
  indi_drug_seq: string;
  indi_pt: string;
}

export interface FaersRowMap {
  DEMO: DemoRow;
  DRUG: DrugRow;
  REAC: ReacRow;
  OUTC: OutcRow;
  RPSR: RpsrRow;
  THER: TherRow;
  INDI: IndiRow;
}

const ROW_FIELDS: { readonly [T in FaersTable]: ReadonlyArray<keyof FaersRowMap[T] & string> } = {
  DEMO: [
    "primaryid",
    "caseid",
    "caseversion",
    "i_f_code",
    "event_dt",
    "mfr_dt",
    "init_fda_dt",
    "fda_dt",
    "rept_cod",
    "mfr_sndr",
    "age",
    "age_cod",
    "age_grp",
    "sex",
    "wt",
    "wt_cod",
    "rept_dt",
    "occp_cod",
    "reporter_country",
    "occr_country",
  ],
  DRUG: ["primaryid", "caseid", "drug_seq", "role_cod", "drugname", "prod_ai", "val_vbm", "route", "dose_vbm", "dechal", "rechal", "nda_num"],
  REAC: ["primaryid", "caseid", "pt", "drug_rec_act"],
  OUTC: ["primaryid", "caseid", "outc_cod"],
  RPSR: ["primaryid", "caseid", "rpsr_cod"],
  THER: ["primaryid", "caseid", "dsg_drug_seq", "start_dt", "end_dt", "dur", "dur_cod"],
  INDI: ["primaryid", "caseid", "indi_drug_seq", "indi_pt"],
};

/**
 * Splits one data line on `$` and checks its width against the header. Up to `header.trailingSlack`
 * extra fields are accepted when they are empty (a trailing `$`, R's filler column); any other count
 * is a FaersFileError naming the file and line. The line must already be free of its line ending.
 */
export function splitFaersLine(line: string, header: FaersHeader, file: string, lineNumber: number): string[] {
  const fields = line.split("$");
  let extra = fields.length - header.width;
  while (extra > 0 && extra <= header.trailingSlack && (fields[fields.length - 1] ?? "").trim() === "") {
    fields.pop();
    extra -= 1;
  }
  if (fields.length !== header.width) {
    const found = line.split("$").length;
    throw new FaersFileError(
      file,
      lineNumber,
      `expected ${header.width} $-separated fields for ${header.table} (${header.layout === "faers" ? "FAERS" : "legacy AERS"} layout), found ${found}`,
    );
  }
  return fields;
}

// Row builders per table: object literals of one fixed shape, so V8 keeps every row on one hidden
// class (a generic `row[name] = value` loop was a third of the import time). `v` holds the values in
// ROW_FIELDS order, every slot filled.
const ROW_BUILDERS: { readonly [T in FaersTable]: (v: readonly string[]) => FaersRowMap[T] } = {
  DEMO: (v) => ({
    primaryid: v[0] as string,
    caseid: v[1] as string,
    caseversion: v[2] as string,
    i_f_code: v[3] as string,
    event_dt: v[4] as string,
    mfr_dt: v[5] as string,
    init_fda_dt: v[6] as string,
    fda_dt: v[7] as string,
    rept_cod: v[8] as string,
    mfr_sndr: v[9] as string,
    age: v[10] as string,
    age_cod: v[11] as string,
    age_grp: v[12] as string,
    sex: v[13] as string,
    wt: v[14] as string,
    wt_cod: v[15] as string,
    rept_dt: v[16] as string,
    occp_cod: v[17] as string,
    reporter_country: v[18] as string,
    occr_country: v[19] as string,
  }),
  DRUG: (v) => ({
    primaryid: v[0] as string,
    caseid: v[1] as string,
    drug_seq: v[2] as string,
    role_cod: v[3] as string,
    drugname: v[4] as string,
    prod_ai: v[5] as string,
    val_vbm: v[6] as string,
    route: v[7] as string,
    dose_vbm: v[8] as string,
    dechal: v[9] as string,
    rechal: v[10] as string,
    nda_num: v[11] as string,
  }),
  REAC: (v) => ({ primaryid: v[0] as string, caseid: v[1] as string, pt: v[2] as string, drug_rec_act: v[3] as string }),
  OUTC: (v) => ({ primaryid: v[0] as string, caseid: v[1] as string, outc_cod: v[2] as string }),
  RPSR: (v) => ({ primaryid: v[0] as string, caseid: v[1] as string, rpsr_cod: v[2] as string }),
  THER: (v) => ({
    primaryid: v[0] as string,
    caseid: v[1] as string,
    dsg_drug_seq: v[2] as string,
    start_dt: v[3] as string,
    end_dt: v[4] as string,
    dur: v[5] as string,
    dur_cod: v[6] as string,
  }),
  INDI: (v) => ({ primaryid: v[0] as string, caseid: v[1] as string, indi_drug_seq: v[2] as string, indi_pt: v[3] as string }),
};

/** Column index of each ROW_FIELDS entry of the header's table (-1 when the layout lacks it). */
function fieldIndexes(header: FaersHeader): number[] {
  return (ROW_FIELDS[header.table] as ReadonlyArray<string>).map((name) => header.columns.get(name) ?? -1);
}

/** A function turning the split fields of one line into a typed row of the header's table. */
export type RowMapper<T extends FaersTable> = (fields: readonly string[]) => FaersRowMap[T];

/** Builds the field → row mapper for a header once, so per-line work is index lookups only. */
export function createRowMapper<T extends FaersTable>(header: FaersHeader & { table: T }): RowMapper<T> {
  const indexes = fieldIndexes(header);
  const build = ROW_BUILDERS[header.table] as (v: readonly string[]) => FaersRowMap[T];
  return (fields) => build(indexes.map((index) => (index < 0 ? "" : (fields[index] ?? "").trim())));
}

/** A function turning one raw line into a typed row, validating its width like splitFaersLine. */
export type LineParser<T extends FaersTable> = (line: string, lineNumber: number) => FaersRowMap[T];

/**
 * The fast path of splitFaersLine + createRowMapper: walks the `$` separators once, slices only the
 * columns the row type uses, and applies the same width rule (extra trailing fields allowed up to
 * header.trailingSlack when empty; otherwise FaersFileError naming file and line).
 */
export function createLineParser<T extends FaersTable>(header: FaersHeader & { table: T }, file: string): LineParser<T> {
  const indexes = fieldIndexes(header);
  const build = ROW_BUILDERS[header.table] as (v: readonly string[]) => FaersRowMap[T];
  // slotOf[column] = position in the values array, or -1 when the column is not used.
  const slotOf = new Int32Array(header.width).fill(-1);
  indexes.forEach((column, slot) => {
    if (column >= 0) slotOf[column] = slot;
  });
  const width = header.width;
  const slack = header.trailingSlack;
  const layoutName = header.layout === "faers" ? "FAERS" : "legacy AERS";
  return (line, lineNumber) => {
    const values: string[] = new Array<string>(indexes.length).fill("");
    let start = 0;
    let fields = 0;
    let extraNonEmpty = false;
    for (;;) {
      const end = line.indexOf("$", start);
      const stop = end < 0 ? line.length : end;
      if (fields < width) {
        const slot = slotOf[fields] ?? -1;
        if (slot >= 0) values[slot] = line.slice(start, stop).trim();
      } else if (line.slice(start, stop).trim() !== "") {
        extraNonEmpty = true;
      }
      fields += 1;
      if (end < 0) break;
      start = end + 1;
    }
    const extra = fields - width;
    if (extra < 0 || extra > slack || (extra > 0 && extraNonEmpty)) {
      throw new FaersFileError(file, lineNumber, `expected ${width} $-separated fields for ${header.table} (${layoutName} layout), found ${fields}`);
    }
    return build(values);
  };
}
