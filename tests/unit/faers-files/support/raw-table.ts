import { readFileSync } from "node:fs";
import { sharedDataPath } from "@/tests/support/shared-data";

// Independent reading of the real samples for expectations: the whole file as latin1, split on "\n",
// each line split on "$", columns addressed by the header's own (lower-cased) names. No code from
// lib/sources/faers-files is used here.

export interface RawTable {
  header: string[];
  rows: string[][];
  /** Value of column `name` in `row` ("" when the header has no such column). */
  get(row: string[], name: string): string;
}

export function readRawTable(...parts: string[]): RawTable {
  const text = readFileSync(sharedDataPath(...parts), "latin1");
  const lines = text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split("$").map((name) => name.trim().toLowerCase());
  const rows = lines.slice(1).map((line) => line.split("$"));
  return {
    header,
    rows,
    get(row, name) {
      const index = header.indexOf(name);
      return index < 0 ? "" : (row[index] ?? "").trim();
    },
  };
}

export const SAMPLES = {
  faers2017q2: { dir: "faers_r_2017q2", suffix: "17Q2", ext: "txt", layout: "faers" },
  faers2022q4: { dir: "faersquarterlydata_2022q4", suffix: "22Q4", ext: "txt", layout: "faers" },
  aers2004q1: { dir: "faers_r_aers_2004q1", suffix: "04Q1", ext: "TXT", layout: "aers" },
} as const;

export type SampleId = keyof typeof SAMPLES;

export function samplePath(sample: SampleId, table: string): string[] {
  const s = SAMPLES[sample];
  return ["faers_ascii", s.dir, `${table}${s.suffix}.${s.ext}`];
}

export function sampleDir(sample: SampleId): string {
  return sharedDataPath("faers_ascii", SAMPLES[sample].dir);
}

/** Legacy AERS column names for the canonical FAERS names the parser exposes. */
export function rawColumnName(layout: "faers" | "aers", table: string, canonical: string): string {
  if (layout === "faers") return canonical === "outc_cod" ? "outc_cod" : canonical;
  const legacy: Record<string, string> = { primaryid: "isr", caseid: "case", i_f_code: "i_f_cod", sex: "gndr_cod" };
  if ((table === "THER" && canonical === "dsg_drug_seq") || (table === "INDI" && canonical === "indi_drug_seq")) return "drug_seq";
  return legacy[canonical] ?? canonical;
}
