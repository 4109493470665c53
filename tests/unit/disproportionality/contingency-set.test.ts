import { describe, expect, test } from "vitest";
import { buildContingencySet, type ReportRow } from "@/lib/analytics/disproportionality";
import { readCaersRows } from "./support/read-caers";

// Four reports. r1 lists D1 twice with E1 (a duplicate row); every other row is unique.
//   r1: D1, D2 × E1, E2 (cross product, plus the duplicate D1–E1)   r2: D1–E1   r3: D2–E2   r4: D3–E3
const rows: ReportRow[] = [
  { id: "r1", drug: "D1", event: "E1", stratum: "F" },
  { id: "r1", drug: "D1", event: "E2", stratum: "F" },
  { id: "r1", drug: "D1", event: "E1", stratum: "F" },
  { id: "r1", drug: "D2", event: "E1", stratum: "F" },
  { id: "r1", drug: "D2", event: "E2", stratum: "F" },
  { id: "r2", drug: "D1", event: "E1", stratum: "M" },
  { id: "r3", drug: "D2", event: "E2", stratum: "M" },
  { id: "r4", drug: "D3", event: "E3", stratum: "F" },
];

describe("buildContingencySet", () => {
  test("counts unique reports per pair and margin (hand-counted)", () => {
    const set = buildContingencySet(rows);
    expect(set).toMatchObject({ totalReports: 4, drugCount: 3, eventCount: 3, strata: null });
    const byPair = Object.fromEntries(set.pairs.map((p) => [`${p.drug}|${p.event}`, p]));
    expect(Object.keys(byPair).sort()).toEqual(["D1|E1", "D1|E2", "D2|E1", "D2|E2", "D3|E3"]);
    // D1: reports {r1, r2} = 2; E1: {r1, r2} = 2; D1∧E1: {r1, r2} = 2 (r1's duplicate row counts once).
    // b = 2 − 2 = 0, c = 2 − 2 = 0, d = 4 − 2 − 2 + 2 = 2 (r3, r4); E = 2·2/4 = 1.
    expect(byPair["D1|E1"]).toMatchObject({ table: { a: 2, b: 0, c: 0, d: 2 }, expected: 1 });
    // D1∧E2: {r1} → a = 1, b = 1 (r2), c = 1 (r3), d = 1 (r4); E = 2·2/4 = 1.
    expect(byPair["D1|E2"]).toMatchObject({ table: { a: 1, b: 1, c: 1, d: 1 }, expected: 1 });
    // D2∧E2: {r1, r3} → a = 2, b = 0, c = 0, d = 2.
    expect(byPair["D2|E2"]).toMatchObject({ table: { a: 2, b: 0, c: 0, d: 2 } });
    // D3∧E3: {r4} → a = 1, b = 0, c = 0, d = 3; E = 1·1/4 = 0.25.
    expect(byPair["D3|E3"]).toMatchObject({ table: { a: 1, b: 0, c: 0, d: 3 }, expected: 0.25 });
    for (const pair of set.pairs) {
      const { a, b, c, d } = pair.table;
      expect(a + b + c + d).toBe(4);
      expect(Math.min(a, b, c, d)).toBeGreaterThanOrEqual(0);
    }
  });

  test("stratified expected counts sum n_D,s·n_E,s/n_s over strata; tables stay unstratified", () => {
    const set = buildContingencySet(rows, { stratify: true });
    expect(set.strata).toEqual(["F", "M"]);
    const d1e1 = set.pairs.find((p) => p.drug === "D1" && p.event === "E1");
    // Stratum F: reports {r1, r4}, D1 in {r1}, E1 in {r1} → 1·1/2 = 0.5.
    // Stratum M: reports {r2, r3}, D1 in {r2}, E1 in {r2} → 1·1/2 = 0.5.  E = 1.0
    expect(d1e1?.expected).toBeCloseTo(1, 12);
    const d3e3 = set.pairs.find((p) => p.drug === "D3" && p.event === "E3");
    // F: 1·1/2 = 0.5; M: 0·0/2 = 0 → 0.5 (unstratified 0.25).
    expect(d3e3?.expected).toBeCloseTo(0.5, 12);
    expect(d3e3?.table).toEqual({ a: 1, b: 0, c: 0, d: 3 });
    expect(() => buildContingencySet([{ id: 1, drug: "D", event: "E" }], { stratify: true })).toThrow(/no stratum/);
  });

  test("a report counts for a pair when it lists the drug and the event in different rows", () => {
    const set = buildContingencySet([
      { id: 1, drug: "D", event: "E" },
      { id: 1, drug: "X", event: "Y" },
    ]);
    expect(set.pairs.map((p) => `${p.drug}|${p.event}|${p.table.a}`).sort()).toEqual(["D|E|1", "D|Y|1", "X|E|1", "X|Y|1"]);
  });

  test("empty input gives an empty set", () => {
    expect(buildContingencySet([])).toEqual({ totalReports: 0, drugCount: 0, eventCount: 0, strata: null, pairs: [] });
  });

  test("openEBGM CAERS example: 3,356 reports, 17,189 pairs, E as published by processRaw", () => {
    const set = buildContingencySet(readCaersRows());
    expect(set.totalReports).toBe(3356);
    expect(set.drugCount).toBe(2874);
    expect(set.eventCount).toBe(1328);
    expect(set.pairs).toHaveLength(17189);
    const expectedOf = (drug: string, event: string) => set.pairs.find((p) => p.drug === drug && p.event === event)?.expected;
    // openEBGM vignette "Hyperparameter Estimation", processed[1:4, 1:4] and the EB-score tables.
    expect(expectedOf("1-PHENYLALANINE", "HEART RATE INCREASED")).toBeCloseTo(0.0360548272, 10);
    expect(expectedOf("11 UNSPECIFIED VITAMINS", "ASTHMA")).toBeCloseTo(0.0038736591, 10);
    expect(expectedOf("11 UNSPECIFIED VITAMINS", "CARDIAC FUNCTION TEST")).toBeCloseTo(0.0002979738, 10);
    expect(expectedOf("REUMOFAN PLUS", "WEIGHT INCREASED")).toBeCloseTo(0.40643623, 8);
    expect(expectedOf("HYDROXYCUT REGULAR RAPID RELEASE CAPLETS", "EMOTIONAL DISTRESS")).toBeCloseTo(0.89690107, 8);
  });
});
