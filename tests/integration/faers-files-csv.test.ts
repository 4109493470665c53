import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { normalizeMedicinalProduct } from "@/lib/analytics/normalize";
import { findPair, loadCaseDrugEventTables, twoByTwoAt } from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";

// The whole pvLRT FAERS 2022Q3 file (496,312 case × PS drug × PT rows), streamed into report-level
// tables and checked against counts made here from a plain gunzip + split.

describe("faers22q3raw.csv.gz → report-level drug/event tables", async () => {
  const file = sharedDataPath("pvlrt_faers", "faers22q3raw.csv.gz");
  const loaded = await loadCaseDrugEventTables(file);

  const lines = gunzipSync(readFileSync(file)).toString("latin1").split("\n").slice(1).filter((l) => l !== "");
  // Every row is `id,"drug","event"`; drug names may contain commas ("Antihemophilic factor, pegylated …"), never quotes.
  const rows = lines.map((line) => {
    const match = /^(\d+),"([^"]*)","([^"]*)"$/.exec(line);
    if (!match) throw new Error(`unexpected row ${line}`);
    const [, id = "", drug = "", event = ""] = match;
    return { id, drug: drug.toUpperCase(), event: event.toUpperCase() };
  });

  test("rows, reports and N: 496,312 rows, every case has a drug and an event", () => {
    expect(rows.length).toBe(496_312);
    expect(loaded.rows).toBe(496_312);
    const cases = new Set(rows.map((r) => r.id));
    expect(loaded.reports).toBe(cases.size);
    expect(loaded.tables.n).toBe(cases.size);
    expect(loaded.emptyRows).toBe(0);
  });

  test("the 20 most frequent pairs: a, b, c, d equal distinct-case counts from the raw rows", () => {
    // Compared only where the shared drug-name cleaning is plain upper-casing.
    const casesOf = (key: (r: (typeof rows)[number]) => string) => {
      const map = new Map<string, Set<string>>();
      for (const r of rows) {
        const k = key(r);
        const set = map.get(k) ?? new Set<string>();
        set.add(r.id);
        map.set(k, set);
      }
      return map;
    };
    const byDrug = casesOf((r) => r.drug);
    const byEvent = casesOf((r) => r.event);
    const byPair = casesOf((r) => `${r.drug}\u0001${r.event}`);
    const top = [...byPair.entries()]
      .filter(([key]) => {
        const drug = key.split("\u0001")[0] as string;
        return normalizeMedicinalProduct(drug) === drug;
      })
      .sort((x, y) => y[1].size - x[1].size)
      .slice(0, 20);
    const { tables } = loaded;
    const n = tables.n;
    for (const [key, pairCases] of top) {
      const [drug, event] = key.split("\u0001") as [string, string];
      const a = pairCases.size;
      const drugCases = byDrug.get(drug)?.size ?? 0;
      const eventCases = byEvent.get(event)?.size ?? 0;
      const index = findPair(tables, tables.drugs.indexOf(drug), tables.events.indexOf(event));
      expect(twoByTwoAt(tables, index), key).toEqual({ a, b: drugCases - a, c: eventCases - a, d: n - drugCases - eventCases + a, n });
    }
  });
});
