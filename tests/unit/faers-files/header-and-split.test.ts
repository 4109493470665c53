import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { createLineParser, createRowMapper, FAERS_TABLES, FaersFileError, parseFaersHeader, splitFaersLine, tableFromFileName } from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";
import { SAMPLES, samplePath, type SampleId } from "./support/raw-table";

function firstLine(...parts: string[]): string {
  return (readFileSync(sharedDataPath(...parts), "latin1").split("\n")[0] ?? "").replace(/\r$/, "");
}

const cases = (Object.keys(SAMPLES) as SampleId[]).flatMap((sample) => FAERS_TABLES.map((table) => [sample, table] as const));

describe("layout and table detection on the real sample headers", () => {
  test.each(cases)("%s %s", (sample, table) => {
    const parts = samplePath(sample, table);
    const line = firstLine(...parts);
    const file = parts[parts.length - 1] as string;
    const header = parseFaersHeader(line, file, { expectedTable: tableFromFileName(file) });
    expect(header.layout).toBe(SAMPLES[sample].layout);
    expect(header.table).toBe(table);
    // Without the file name, the columns alone identify the table.
    expect(parseFaersHeader(line, "unnamed.txt").table).toBe(table);
    // Width = named columns, not R's filler column (v23, v13, v3 …) nor an empty name after a trailing $.
    const named = line.split("$").filter((name) => name !== "" && !/^v\d+$/.test(name));
    expect(header.width).toBe(named.length);
  });

  test("legacy AERS names map to the FAERS names (isr → primaryid, case → caseid, gndr_cod → sex, drug_seq → dsg/indi_drug_seq)", () => {
    const demo = parseFaersHeader(firstLine(...samplePath("aers2004q1", "DEMO")), "DEMO04Q1.TXT");
    expect(demo.columns.get("primaryid")).toBe(0);
    expect(demo.columns.get("caseid")).toBe(1);
    expect(demo.columns.get("i_f_code")).toBe(2);
    expect(demo.columns.get("sex")).toBe(13);
    expect(demo.width).toBe(22);
    expect(demo.trailingSlack).toBe(1);
    const ther = parseFaersHeader(firstLine(...samplePath("aers2004q1", "THER")), "THER04Q1.TXT");
    expect(ther.columns.get("dsg_drug_seq")).toBe(1);
    const indi = parseFaersHeader(firstLine(...samplePath("aers2004q1", "INDI")), "INDI04Q1.TXT");
    expect(indi.columns.get("indi_drug_seq")).toBe(1);
  });

  test("upper-case headers, a BOM and a trailing $ are accepted", () => {
    const header = parseFaersHeader("\uFEFFPRIMARYID$CASEID$PT$DRUG_REC_ACT$", "REAC13Q1.txt");
    expect(header).toMatchObject({ layout: "faers", table: "REAC", width: 4, trailingSlack: 1 });
  });

  test("an unrecognized first column is a FaersFileError naming file and line", () => {
    const error = (() => {
      try {
        parseFaersHeader("id$caseid$pt", "REAC22Q4.txt", { lineNumber: 2 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FaersFileError);
    expect(error).toMatchObject({ file: "REAC22Q4.txt", line: 2 });
    expect((error as Error).message).toMatch(/^REAC22Q4\.txt:2: unrecognized header/);
  });

  test("a file named DEMO holding a DRUG header says what it looks like", () => {
    const drugHeader = firstLine(...samplePath("faers2017q2", "DRUG"));
    expect(() => parseFaersHeader(drugHeader, "DEMO17Q2.txt", { expectedTable: "DEMO" })).toThrow(
      "DEMO17Q2.txt:1: expected a DEMO header, but the columns are those of a DRUG file",
    );
    expect(() => parseFaersHeader("primaryid$caseid$drug_seq$drugname", "DRUG.txt", { expectedTable: "DRUG" })).toThrow(
      /DRUG header lacks column\(s\) role_cod/,
    );
  });
});

describe("splitFaersLine", () => {
  const header = parseFaersHeader("primaryid$caseid$pt$drug_rec_act", "REAC.txt");

  test.each([
    ["no trailing $", "1$2$Nausea$", ["1", "2", "Nausea", ""]],
    ["trailing $", "1$2$Nausea$$", ["1", "2", "Nausea", ""]],
    ["all fields filled, trailing $", "1$2$Nausea$Y$", ["1", "2", "Nausea", "Y"]],
  ])("%s", (_, line, expected) => {
    expect(splitFaersLine(line, header, "REAC.txt", 7)).toEqual(expected);
  });

  test.each([
    ["one field short", "1$2$Nausea", 3],
    ["two extra fields", "1$2$Nausea$$$", 6],
    ["extra non-empty field", "1$2$Nausea$Y$X", 5],
  ])("%s → FaersFileError with file, line and counts", (_, line, found) => {
    expect(() => splitFaersLine(line, header, "REAC.txt", 7)).toThrow(
      new FaersFileError("REAC.txt", 7, `expected 4 $-separated fields for REAC (FAERS layout), found ${found}`),
    );
  });

  test("legacy filler column: data lines carry one more empty field than the named columns", () => {
    const demo = parseFaersHeader(firstLine(...samplePath("aers2004q1", "OUTC")), "OUTC04Q1.TXT");
    expect(splitFaersLine("4263742$HO$", demo, "OUTC04Q1.TXT", 2)).toEqual(["4263742", "HO"]);
  });
});

describe("the streaming line parser agrees with splitFaersLine + createRowMapper", () => {
  test.each([
    ["FAERS DRUG, no trailing $", "primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm"],
    ["legacy DEMO with filler column", firstLine(...samplePath("aers2004q1", "DEMO"))],
    ["FAERS REAC with trailing $", "primaryid$caseid$pt$drug_rec_act$"],
  ])("%s (property: same row or same error for random lines)", (_, headerLine) => {
    const header = parseFaersHeader(headerLine, "T.txt");
    const fast = createLineParser(header, "T.txt");
    const mapRow = createRowMapper(header);
    const field = fc.stringMatching(/^[A-Za-z0-9 .]{0,6}$/);
    const line = fc
      .tuple(fc.array(field, { minLength: header.width - 2, maxLength: header.width + 3 }), fc.boolean())
      .map(([fields, trailing]) => fields.join("$") + (trailing ? "$" : ""));
    fc.assert(
      fc.property(line, (text) => {
        let expected: unknown;
        let expectedError: string | null = null;
        try {
          expected = mapRow(splitFaersLine(text, header, "T.txt", 3));
        } catch (error) {
          expectedError = (error as Error).message;
        }
        if (expectedError !== null) expect(() => fast(text, 3)).toThrow(expectedError);
        else expect(fast(text, 3)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
