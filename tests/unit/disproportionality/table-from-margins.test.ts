// 2×2 tables from openFDA-style margins, worked out by hand; and every way the margins can disagree.
import { describe, expect, test } from "vitest";
import {
  describeInconsistentTerms,
  measuresWithoutTable,
  tableFromMargins,
  type MarginInconsistencyCode,
  type TableMargins,
} from "@/lib/analytics/disproportionality";

describe("consistent margins give the table", () => {
  test.each<[TableMargins, { a: number; b: number; c: number; d: number }]>([
    // b = 30 − 10 = 20; c = 40 − 10 = 30; d = 460 − 30 − 40 + 10 = 400
    [{ a: 10, drugReports: 30, eventReports: 40, allReports: 460 }, { a: 10, b: 20, c: 30, d: 400 }],
    // a equal to both margins: b = 0, c = 0, d = 100 − 5 − 5 + 5 = 95
    [{ a: 5, drugReports: 5, eventReports: 5, allReports: 100 }, { a: 5, b: 0, c: 0, d: 95 }],
    // the union fills all reports exactly: 61 + 40 − 7 = 94 = N → d = 0
    [{ a: 7, drugReports: 61, eventReports: 40, allReports: 94 }, { a: 7, b: 54, c: 33, d: 0 }],
    // nothing at all
    [{ a: 0, drugReports: 0, eventReports: 0, allReports: 0 }, { a: 0, b: 0, c: 0, d: 0 }],
    // a = 0 with other reports: b = 12, c = 3, d = 50 − 12 − 3 = 35
    [{ a: 0, drugReports: 12, eventReports: 3, allReports: 50 }, { a: 0, b: 12, c: 3, d: 35 }],
  ])("%j → %j", (margins, table) => {
    expect(tableFromMargins(margins)).toEqual({ ok: true, table });
  });
});

describe("inconsistent margins give no table, and say every reason", () => {
  test.each<[string, TableMargins, MarginInconsistencyCode[], string[]]>([
    // the silent clamp of old: c = max(0, 4 − 9) would have been 0
    ["a above the event margin", { a: 9, drugReports: 61, eventReports: 4, allReports: 100 }, ["a_exceeds_event_reports"], ["only 4 with the event"]],
    ["a above the drug margin", { a: 9, drugReports: 8, eventReports: 20, allReports: 100 }, ["a_exceeds_drug_reports"], ["only 8 with the drug"]],
    // 61 + 45 − 5 = 101 > 100 → d would be −1
    ["drug + event − a above N", { a: 5, drugReports: 61, eventReports: 45, allReports: 100 }, ["margins_exceed_all_reports"], ["= 101 reports with either, more than all 100"]],
    // a > both margins; union 3 + 2 − 6 = −1 ≤ N, so only two reasons
    ["a above both margins", { a: 6, drugReports: 3, eventReports: 2, allReports: 10 }, ["a_exceeds_drug_reports", "a_exceeds_event_reports"], ["only 3 with the drug", "only 2 with the event"]],
    // a ≤ both, but the drug margin alone exceeds N: 20 + 4 − 4 = 20 > 10
    ["a margin above N", { a: 4, drugReports: 20, eventReports: 4, allReports: 10 }, ["margins_exceed_all_reports"], ["more than all 10"]],
    // all three at once: 9 > 8, 9 > 7, 8 + 7 − 9 = 6 > 5
    ["all three", { a: 9, drugReports: 8, eventReports: 7, allReports: 5 }, ["a_exceeds_drug_reports", "a_exceeds_event_reports", "margins_exceed_all_reports"], ["= 6 reports"]],
    ["a negative count", { a: -1, drugReports: 8, eventReports: 7, allReports: 50 }, ["invalid_count"], ["a = -1"]],
    ["a fractional margin", { a: 1, drugReports: 8.5, eventReports: 7, allReports: 50 }, ["invalid_count"], ["drugReports = 8.5"]],
    ["a non-finite total", { a: 1, drugReports: 8, eventReports: 7, allReports: Number.NaN }, ["invalid_count"], ["allReports = NaN"]],
  ])("%s", (_, margins, codes, fragments) => {
    const result = tableFromMargins(margins);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.inconsistencies.map((i) => i.code)).toEqual(codes);
    const text = result.inconsistencies.map((i) => i.message).join(" ");
    for (const fragment of fragments) expect(text).toContain(fragment);
  });
});

describe("the answer for inconsistent margins", () => {
  const margins = { a: 9, drugReports: 61, eventReports: 4, allReports: 100 };
  const built = tableFromMargins(margins);
  const reasons = built.ok ? [] : built.inconsistencies;

  test("has no table and every measure null with its reason; no flag is raised", () => {
    const m = measuresWithoutTable(margins, reasons);
    expect(m.table).toBeNull();
    expect([m.total, m.expected, m.prr, m.chiSquare, m.ror, m.ic, m.bcpnnGould]).toEqual(Array(7).fill(null));
    expect(new Set(Object.values(m.nullReasons))).toEqual(new Set(["inconsistent_margins"]));
    expect(Object.keys(m.nullReasons).sort()).toEqual(["bcpnnGould", "chiSquare", "expected", "ic", "prr", "ror"]);
    for (const flag of Object.values(m.flags)) expect(flag).toEqual({ signal: false, reason: "inconsistent_margins" });
    expect(m.inconsistent).toEqual({ margins, reasons });
  });

  test("the data-quality note names each term with its reasons, and is absent when all is consistent", () => {
    const rows = [{ event: "NAUSEA" }, { event: "DYSPNOEA", inconsistent: { margins, reasons } }];
    expect(describeInconsistentTerms(rows)).toEqual([
      "Data quality: the counts of 1 term(s) disagree, so they have no 2×2 table and no measures (a cell is never clamped to 0): " +
        "DYSPNOEA (9 reports with the drug and the event, but only 4 with the event.)",
    ]);
    expect(describeInconsistentTerms([{ event: "NAUSEA" }])).toEqual([]);
  });
});
