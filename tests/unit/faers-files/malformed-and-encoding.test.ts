import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import {
  decodeLatin1Line,
  FaersFileError,
  importFaersQuarters,
  openFaersFileSource,
  openFaersTable,
  readFaersTable,
} from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";
import { samplePath } from "./support/raw-table";

// GENERATED fixtures (not FDA data): tests/fixtures/faers-files/generated, see its README.
const generated = (...parts: string[]) => path.resolve(__dirname, "../../fixtures/faers-files/generated", ...parts);

const tmp = mkdtempSync(path.join(tmpdir(), "faers-files-unit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return null;
}

describe("malformed lines (generated fixture)", () => {
  test("reading the table: wrong column count → FaersFileError naming file and line", async () => {
    const error = await errorOf(async () => {
      for await (const row of readFaersTable(generated("malformed", "DRUG99Q1.txt"))) void row;
    });
    expect(error).toBeInstanceOf(FaersFileError);
    expect(error).toMatchObject({ file: "DRUG99Q1.txt", line: 4, detail: "expected 20 $-separated fields for DRUG (FAERS layout), found 19" });
    expect((error as FaersFileError).toJSON()).toEqual({ file: "DRUG99Q1.txt", line: 4, message: "expected 20 $-separated fields for DRUG (FAERS layout), found 19" });
  });

  test("importing the quarter stops with the same error (the API answers 400 with it)", async () => {
    const error = await errorOf(() => importFaersQuarters(generated("malformed")));
    expect(error).toBeInstanceOf(FaersFileError);
    expect((error as Error).message).toBe("DRUG99Q1.txt:4: expected 20 $-separated fields for DRUG (FAERS layout), found 19");
  });

  test("line numbers count blank lines and the header; the file name is never a server path", async () => {
    const file = path.join(tmp, "REAC97Q1.txt");
    writeFileSync(file, "\nprimaryid$caseid$pt$drug_rec_act\r\n1$1$Nausea$\r\n\r\n2$2$Rash$\r\n3$3\r\n");
    const error = await errorOf(async () => {
      for await (const row of readFaersTable(file)) void row;
    });
    expect(error).toMatchObject({ file: "REAC97Q1.txt", line: 6 });
    expect((error as Error).message).not.toContain(tmp);
  });

  test("empty file, unknown header and a header of the wrong table", async () => {
    const empty = path.join(tmp, "OUTC97Q1.txt");
    writeFileSync(empty, "\n\n");
    expect(await errorOf(() => openFaersTable(empty))).toMatchObject({ file: "OUTC97Q1.txt", detail: "file is empty: no header line" });
    const unknown = path.join(tmp, "RPSR97Q1.txt");
    writeFileSync(unknown, "report$source\n1$HP\n");
    expect(await errorOf(() => openFaersTable(unknown))).toMatchObject({ file: "RPSR97Q1.txt", line: 1 });
    const swapped = path.join(tmp, "INDI97Q1.txt");
    writeFileSync(swapped, readFileSync(sharedDataPath(...samplePath("faers2017q2", "REAC"))));
    expect(await errorOf(() => openFaersTable(swapped))).toMatchObject({
      file: "INDI97Q1.txt",
      line: 1,
      detail: "expected a INDI header, but the columns are those of a REAC file",
    });
  });
});

describe("gzip damage", () => {
  test("a truncated gzip copy of a real table is a FaersFileError, not a crash", async () => {
    const gz = gzipSync(readFileSync(sharedDataPath(...samplePath("faers2022q4", "OUTC"))));
    const file = path.join(tmp, "OUTC22Q4.txt.gz");
    writeFileSync(file, gz.subarray(0, gz.length - 40));
    const error = await errorOf(async () => {
      for await (const row of readFaersTable(file)) void row;
    });
    expect(error).toBeInstanceOf(FaersFileError);
    expect(error).toMatchObject({ file: "OUTC22Q4.txt.gz", detail: "cannot decompress the gzip file: unexpected end of file" });
  });
});

describe("text decoding", () => {
  test.each([
    ["ASCII passes through", "NAUSEA", "NAUSEA", "ascii"],
    ["latin1 byte 0xF6 (ö)", "SJ\u00f6GREN", "SJ\u00f6GREN", "windows-1252"],
    ["UTF-8 bytes C3 B6 read as latin1 → ö", "SJ\u00c3\u00b6GREN", "SJ\u00f6GREN", "utf-8"],
    ["Windows-1252 0x92 → right single quote", "ST. JOHN\u0092S WORT", "ST. JOHN\u2019S WORT", "windows-1252"],
    ["undefined 0x81 kept", "A\u0081B", "A\u0081B", "windows-1252"],
  ])("%s", (_, latin1, text, encoding) => {
    expect(decodeLatin1Line(latin1)).toEqual({ text, encoding });
  });

  test("generated CRLF + trailing $ + latin1/UTF-8/cp1252 quarter imports with those characters", async () => {
    const source = await openFaersFileSource(generated("encoding"));
    const [first, second] = source.cases({ limit: 10 }).data;
    expect(first?.reactions.map((r) => r.pt)).toEqual(["SJ\u00d6GREN'S SYNDROME"]);
    // The UTF-8 mixed-case and upper-case spellings are one PT after upper-casing.
    expect(second?.reactions.map((r) => r.pt)).toEqual(["SJ\u00d6GREN'S SYNDROME"]);
    expect(first?.drugs[0]?.name).toBe("ST. JOHN\u2019S WORT");
    expect(second?.drugs[0]?.name).toBe("TESTDRUG A");
    const rules = Object.fromEntries(source.describe().quality.rules.map((r) => [r.rule, r]));
    expect(rules["text.windows_1252_decoded"]?.changed).toBe(2);
    expect(rules["line.blank_skipped"]?.dropped).toBe(1);
    expect(rules["reaction.duplicate_merged"]?.dropped).toBe(1);
    // Same PT from both encodings: two reports.
    expect(source.reactions().terms).toEqual([{ term: "SJ\u00d6GREN'S SYNDROME", count: 2, share: 1 }]);
  });

  test("gzip: a gzip copy of a real table reads the same rows (detected by magic bytes, not the name)", async () => {
    const original = sharedDataPath(...samplePath("faers2017q2", "REAC"));
    const gz = path.join(tmp, "REAC17Q2.txt");
    writeFileSync(gz, gzipSync(readFileSync(original)));
    const plain = [];
    for await (const row of readFaersTable(original)) plain.push(row);
    const zipped = [];
    for await (const row of readFaersTable(gz)) zipped.push(row);
    expect(zipped).toEqual(plain);
    expect(zipped.length).toBe(286);
  });
});
