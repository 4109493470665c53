import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import {
  buildCaseDrugEventTables,
  createDrugEventCounter,
  FaersFileError,
  findPair,
  loadCaseDrugEventRows,
  loadCaseDrugEventTables,
  parseCsvLine,
  toTwoByTwoColumns,
  twoByTwoAt,
} from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";

const tmp = mkdtempSync(path.join(tmpdir(), "faers-files-tables-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("createDrugEventCounter", () => {
  test("hand-checked 2×2: report-level, repeats ignored, reports without drug or event outside N", () => {
    const counter = createDrugEventCounter(["D0", "D1"], ["E0", "E1"]);
    counter.addReport([0, 0, 1], [0, 0]); // D0 D1 × E0
    counter.addReport([0], [1]); // D0 × E1
    counter.addReport([1], [1]); // D1 × E1
    counter.addReport([], [0]); // no drug: outside
    counter.addReport([1], []); // no event: outside
    const tables = counter.build();
    expect(tables.n).toBe(3);
    expect([...tables.drugReports]).toEqual([2, 2]);
    expect([...tables.eventReports]).toEqual([1, 2]);
    const d0e0 = findPair(tables, 0, 0);
    expect(twoByTwoAt(tables, d0e0)).toEqual({ a: 1, b: 1, c: 0, d: 1, n: 3 });
    expect(twoByTwoAt(tables, findPair(tables, 1, 1))).toEqual({ a: 1, b: 1, c: 1, d: 0, n: 3 });
    expect(findPair(tables, 1, 0)).toBeGreaterThanOrEqual(0);
    expect(tables.pairCount).toBe(4);
  });

  test("property: every pair's a, b, c, d equal a brute-force count over the reports", () => {
    const report = fc.record({
      drugs: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
      events: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 40 }), (reports) => {
        const counter = createDrugEventCounter(["a", "b", "c", "d", "e", "f"], ["1", "2", "3", "4", "5", "6", "7"]);
        for (const r of reports) counter.addReport(r.drugs, r.events);
        const tables = counter.build();
        const universe = reports.filter((r) => r.drugs.length > 0 && r.events.length > 0);
        expect(tables.n).toBe(universe.length);
        const columns = toTwoByTwoColumns(tables);
        let observed = 0;
        for (let drug = 0; drug < 6; drug += 1) {
          for (let event = 0; event < 7; event += 1) {
            const a = universe.filter((r) => r.drugs.includes(drug) && r.events.includes(event)).length;
            const index = findPair(tables, drug, event);
            if (a === 0) {
              expect(index).toBe(-1);
              continue;
            }
            observed += 1;
            const b = universe.filter((r) => r.drugs.includes(drug) && !r.events.includes(event)).length;
            const c = universe.filter((r) => !r.drugs.includes(drug) && r.events.includes(event)).length;
            const expected = { a, b, c, d: universe.length - a - b - c, n: universe.length };
            expect(twoByTwoAt(tables, index)).toEqual(expected);
            expect([columns.a[index], columns.b[index], columns.c[index], columns.d[index]]).toEqual([a, b, c, expected.d]);
          }
        }
        expect(tables.pairCount).toBe(observed);
      }),
      { numRuns: 200 },
    );
  });
});

describe("CSV", () => {
  test.each([
    ['4088703,"Lamivudine","Agranulocytosis"', ["4088703", "Lamivudine", "Agranulocytosis"]],
    ['1,"A, B","He said ""no"""', ["1", "A, B", 'He said "no"']],
    ["1,,x", ["1", "", "x"]],
    ['"",""', ["", ""]],
  ])("parseCsvLine(%j)", (line, expected) => {
    expect(parseCsvLine(line, "f.csv", 1)).toEqual(expected);
  });

  test.each([
    ['1,"open', "unterminated quoted CSV field"],
    ['1,"a"b', "unexpected text after a closing quote at column 6"],
    ['1,a"b', "stray quote in unquoted CSV field at column 3"],
  ])("parseCsvLine(%j) → FaersFileError", (line, detail) => {
    expect(() => parseCsvLine(line, "f.csv", 9)).toThrow(new FaersFileError("f.csv", 9, detail));
  });

  test("buildCaseDrugEventTables: rows of one case need not be adjacent; names are cleaned", async () => {
    const rows = [
      { id: "1", drug: "Voltaren", event: "Pyrexia" },
      { id: "2", drug: "VOLTAREN", event: "Rash" },
      { id: "1", drug: "voltaren ", event: "Rash" },
      { id: "1", drug: "Voltaren", event: "Pyrexia" }, // exact duplicate row
      { id: "3", drug: "Neoral 100 mg", event: "pyrexia" },
      { id: "4", drug: "", event: "Rash" }, // no drug
    ];
    const { tables, rows: read, reports, emptyRows } = await buildCaseDrugEventTables(rows);
    expect({ read, reports, emptyRows, n: tables.n }).toEqual({ read: 6, reports: 4, emptyRows: 1, n: 3 });
    expect(tables.drugs).toEqual(["VOLTAREN", "NEORAL"]);
    expect(tables.events).toEqual(["PYREXIA", "RASH"]);
    expect(twoByTwoAt(tables, findPair(tables, 0, 0))).toEqual({ a: 1, b: 1, c: 1, d: 0, n: 3 });
    expect(twoByTwoAt(tables, findPair(tables, 0, 1))).toEqual({ a: 2, b: 0, c: 0, d: 1, n: 3 });
  });

  test("loader: header by name, blank lines skipped; wrong field count names file and line (generated files)", async () => {
    // GENERATED rows in the pvLRT column layout, columns in another order.
    const good = path.join(tmp, "rows.csv.gz");
    writeFileSync(good, gzipSync('"AE","CASEID","DRUG"\r\n"Rash",1,"A"\r\n\r\n"Fever",2,"B"\r\n'));
    const seen: unknown[] = [];
    for await (const row of loadCaseDrugEventRows(good)) seen.push(row);
    expect(seen).toEqual([
      { id: "1", drug: "A", event: "Rash" },
      { id: "2", drug: "B", event: "Fever" },
    ]);
    const bad = path.join(tmp, "bad.csv.gz");
    writeFileSync(bad, gzipSync('"AE","CASEID","DRUG"\r\n"Rash",1,"A"\r\n\r\n"Fever",2,"B"\r\n"Fever",3\r\n'));
    const error = await (async () => {
      try {
        for await (const row of loadCaseDrugEventRows(bad)) void row;
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toMatchObject({ file: "bad.csv.gz", line: 5, detail: "expected 3 CSV fields, found 2" });
    const noHeader = path.join(tmp, "noheader.csv");
    writeFileSync(noHeader, "1,A,Rash\n");
    await expect(loadCaseDrugEventTables(noHeader)).rejects.toMatchObject({ file: "noheader.csv", line: 1 });
  });

  test("real faers22q3raw.csv.gz: the first 2,000 rows equal a plain split", async () => {
    const gz = sharedDataPath("pvlrt_faers", "faers22q3raw.csv.gz");
    const lines = gunzipSync(readFileSync(gz)).toString("latin1").split("\n").slice(0, 2001);
    expect(lines[0]).toBe('"CASEID","DRUG","AE"');
    const expected = lines.slice(1).map((line) => {
      const [id, drug, event] = line.split(",").map((f) => f.replace(/^"|"$/g, ""));
      return { id, drug, event };
    });
    const got: unknown[] = [];
    for await (const row of loadCaseDrugEventRows(gz)) {
      got.push(row);
      if (got.length === 2000) break;
    }
    expect(got).toEqual(expected);
  });

  test("loadCaseDrugEventTables on a small generated file", async () => {
    const file = path.join(tmp, "small.csv");
    writeFileSync(file, '"CASEID","DRUG","AE"\n1,"X","E1"\n1,"X","E2"\n2,"Y","E1"\n');
    const { tables, reports } = await loadCaseDrugEventTables(file);
    expect(reports).toBe(2);
    expect(twoByTwoAt(tables, findPair(tables, 0, 0))).toEqual({ a: 1, b: 0, c: 1, d: 0, n: 2 });
  });
});
