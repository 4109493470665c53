import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { FAERS_TABLES, openFaersTable, readDeletedCaseIds, readFaersTable } from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";
import { rawColumnName, readRawTable, SAMPLES, samplePath, type SampleId } from "./support/raw-table";

const cases = (Object.keys(SAMPLES) as SampleId[]).flatMap((sample) => FAERS_TABLES.map((table) => [sample, table] as const));

// README row counts of the samples (faers_ascii/README.md), checked against the parser and the raw split.
const README_ROWS: Record<SampleId, Record<string, number>> = {
  faers2017q2: { DEMO: 100, DRUG: 328, REAC: 286, OUTC: 75, INDI: 232, THER: 142, RPSR: 2 },
  aers2004q1: { DEMO: 100, DRUG: 386, REAC: 416, OUTC: 93, INDI: 124, THER: 145, RPSR: 119 },
  faers2022q4: { DEMO: 258, DRUG: 209, REAC: 974, OUTC: 1206, INDI: 607, THER: 500, RPSR: 386 },
};

describe("each table parser on each real sample equals a plain split on '$'", () => {
  test.each(cases)("%s %s", async (sample, table) => {
    const parts = samplePath(sample, table);
    const raw = readRawTable(...parts);
    const rows = [];
    for await (const row of readFaersTable(sharedDataPath(...parts), { table })) rows.push(row);

    // README says "N rows" per table; the 2022Q4 DEMO/INDI counts there are file lines minus the header.
    expect(rows.length).toBe(raw.rows.length);
    expect(Math.abs(rows.length - (README_ROWS[sample][table] ?? -1))).toBeLessThanOrEqual(1);

    const layout = SAMPLES[sample].layout;
    rows.forEach((row, i) => {
      const rawRow = raw.rows[i] as string[];
      for (const [field, value] of Object.entries(row)) {
        expect.soft(value, `${table} row ${i + 2} ${field}`).toBe(raw.get(rawRow, rawColumnName(layout, table, field)));
      }
    });
  });

  test("hand-checked rows: 2017Q2 DRUG line 2 and legacy DEMO line 3", async () => {
    const drug = await openFaersTable(sharedDataPath(...samplePath("faers2017q2", "DRUG")));
    const first = await drug.rows().next();
    expect(first.value).toMatchObject({
      line: 2,
      row: { primaryid: "109792364", caseid: "10979236", drug_seq: "1", role_cod: "PS", drugname: "RISPERDAL", prod_ai: "RISPERIDONE", route: "Oral", nda_num: "020272" },
    });
    let third: unknown = null;
    for await (const { row, line } of (await openFaersTable(sharedDataPath(...samplePath("aers2004q1", "DEMO")))).rows()) {
      if (line === 3) third = row;
    }
    expect(third).toMatchObject({
      primaryid: "4264028",
      caseid: "4064419",
      caseversion: "",
      init_fda_dt: "",
      i_f_code: "I",
      fda_dt: "20040102",
      age: "43",
      age_cod: "YR",
      sex: "F",
      wt: "71",
      wt_cod: "KG",
      occp_cod: "MD",
      occr_country: "",
    });
  });

  test("reader stats count physical lines, rows and blank lines", async () => {
    const reader = await openFaersTable(sharedDataPath(...samplePath("faers2022q4", "DEMO")));
    for await (const batch of reader.batches()) void batch;
    const text = readFileSync(sharedDataPath(...samplePath("faers2022q4", "DEMO")), "latin1");
    const physical = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    expect(reader.stats).toEqual({ lines: physical, rows: physical - 1, blankLines: 0, windows1252Lines: 0 });
    expect(reader.header).toMatchObject({ layout: "faers", table: "DEMO", width: 25 });
  });
});

describe("DELETE list", () => {
  test("DELETE22Q4.txt: one caseid per line, first line blank", async () => {
    const path = sharedDataPath("faers_ascii", "faersquarterlydata_2022q4", "DELETE22Q4.txt");
    const expected = readFileSync(path, "latin1")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
    const { caseIds, stats } = await readDeletedCaseIds(path);
    expect(caseIds).toEqual(expected);
    expect(caseIds.length).toBe(3624);
    expect(caseIds[0]).toBe("10153291");
    expect(stats).toMatchObject({ rows: 3624, blankLines: 1 });
  });
});
