import { describe, expect, test } from "vitest";
import { computeChanges } from "@/lib/reports/compute-changes";
import { SNAPSHOT_VERSION, type ReportSnapshot } from "@/lib/reports/snapshot";
import type { Provenance } from "@/lib/schemas/faers-response";
import type { SignalRow } from "@/lib/schemas/signals-response";

// Hand-built snapshots; every expected number below is worked out by hand in the comments.

const provenance: Provenance = {
  source: "test",
  endpoint: "drug/event",
  queries: [],
  search: "",
  lastUpdated: null,
  retrievedAt: "2025-01-01",
  cache: "MISS",
  normalizationRulesVersion: "test",
  rules: [],
};
const product = { kind: "drug" as const, name: "TESTDRUG" };

const monthEnd = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
/** Monthly points from counts, e.g. month("2024-01", [1, 2]) → 2024-01 and 2024-02. */
function months(first: string, counts: number[], partialLast = false) {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return counts.map((count, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    const period = d.toISOString().slice(0, 7);
    return { period, start: `${period}-01`, end: monthEnd(period), count, partial: partialLast && i === counts.length - 1 };
  });
}

const noFlag = { signal: false as const, reason: "below threshold" };
const yes = { signal: true as const };
function row(event: string, flags: { evans?: boolean; ror?: boolean; ic?: boolean; eb05?: number | null }): SignalRow {
  return {
    event,
    table: { a: 1, b: 1, c: 1, d: 1 },
    total: 4,
    expected: 1,
    prr: null,
    chiSquare: null,
    ror: null,
    ic: null,
    bcpnnGould: null,
    nullReasons: {},
    flags: { evans: flags.evans ? yes : noFlag, ror: flags.ror ? yes : noFlag, ic: flags.ic ? yes : noFlag, bcpnnGould: noFlag },
    method: {},
    ebgm: flags.eb05 === undefined || flags.eb05 === null ? null : { value: 3, eb05: flags.eb05, eb95: 5, qn: 0.5 },
    ebgmReason: "test",
  };
}

type Parts = {
  id: string;
  from: string;
  to: string;
  dataDate: string;
  series: ReturnType<typeof months>;
  terms: Array<[string, number]>;
  signals: SignalRow[] | null;
  forecast: { model: string; mean: number } | null;
  alarms: string[];
};

function snapshot(p: Parts): ReportSnapshot {
  const total = p.series.reduce((s, x) => s + x.count, 0);
  return {
    version: SNAPSHOT_VERSION,
    report: {
      id: p.id,
      title: `Report ${p.id}`,
      product: { ...product, filters: {} },
      from: p.from,
      to: p.to,
      dataDate: p.dataDate,
      createdAt: p.dataDate,
      requestedBy: "u1",
      evaluator: null,
      intendedPurpose: null,
      conclusions: null,
      nextReviewDate: null,
      sections: ["summary"],
    },
    trend: { product, interval: "month", from: p.from, to: p.to, series: p.series, total, dataThrough: null, provenance },
    forecast: p.forecast
      ? {
          product,
          interval: "month",
          series: p.series,
          fittedOn: { first: null, last: null, points: 0 },
          model: p.forecast.model,
          parameters: {},
          forecast: [
            { step: 2, mean: 999, lower: {}, upper: {} },
            { step: 1, mean: p.forecast.mean, lower: {}, upper: {} },
          ],
          notes: [],
          provenance,
        }
      : null,
    spikes: {
      product,
      interval: "month",
      series: p.series,
      method: "ears_c2",
      parameters: {},
      parameterSources: {},
      settings: {},
      assessments: [],
      anomalies: p.alarms.map((period) => {
        const index = p.series.findIndex((x) => x.period === period);
        return { index, period, observed: 9, expected: 1, upperBound: 3, alarm: true, score: 4, method: "ears_c2" };
      }),
      notes: [],
      provenance,
    },
    reactions: { product, termKind: "reaction", field: "f", total, terms: p.terms.map(([term, count]) => ({ term, count, share: count / Math.max(total, 1) })), provenance },
    summary: { product, from: p.from, to: p.to, total, breakdowns: [], provenance },
    signals: p.signals ? { product, roleCaveat: "", totals: { drugReports: total, allReports: 1000 }, signals: p.signals, provenance } : null,
    lineListing: { cases: [], total: 0, cap: 10, capped: false, provenance },
    changes: null,
    notes: [],
  };
}

// Previous report: 2024-01-01..2024-06-30, read 2024-07-15. Months Jan..Jun: 5, 7, 4, 6, 8, 3.
const previous = snapshot({
  id: "rep_previous01",
  from: "2024-01-01",
  to: "2024-06-30",
  dataDate: "2024-07-15",
  series: months("2024-01", [5, 7, 4, 6, 8, 3]),
  terms: [["NAUSEA", 10], ["HEADACHE", 6], ["RASH", 2]],
  signals: [row("NAUSEA", { evans: true, ror: true, eb05: 2.5 }), row("HEADACHE", { ic: true }), row("RASH", { evans: true })],
  forecast: { model: "ETS(A,N,N)", mean: 5.5 },
  alarms: ["2024-05"],
});

// Current report: 2024-03-15..2024-12-31, read 2024-10-20 (so its data end 2024-10-20).
// Months Mar..Oct: 2 (Mar, cut by from), 7, 9, 3, 4, 5, 6, 1 (Oct partial).
const currentFull = snapshot({
  id: "rep_current001",
  from: "2024-03-15",
  to: "2024-12-31",
  dataDate: "2024-10-20",
  series: months("2024-03", [2, 7, 9, 3, 4, 5, 6, 1], true).map((p, i) => (i === 0 ? { ...p, partial: true } : p)),
  terms: [["NAUSEA", 14], ["FATIGUE", 5], ["HEADACHE", 4]],
  signals: [row("NAUSEA", { evans: true, ror: false, eb05: 1.5 }), row("HEADACHE", { ic: true, ror: true }), row("FATIGUE", { evans: true, eb05: 2 })],
  forecast: { model: "naive", mean: 4 },
  alarms: ["2024-05", "2024-08"],
});
/** A snapshot without its changes, as computeChanges takes it. */
function withoutChanges(s: ReportSnapshot): Omit<ReportSnapshot, "changes"> {
  const copy: Partial<ReportSnapshot> = { ...s };
  delete copy.changes;
  return copy as Omit<ReportSnapshot, "changes">;
}
const current = withoutChanges(currentFull);

describe("computeChanges", () => {
  const changes = computeChanges(previous, current);

  test("names the previous report and the window both cover", () => {
    expect(changes.previous).toEqual({ reportId: "rep_previous01", title: "Report rep_previous01", from: "2024-01-01", to: "2024-06-30", dataDate: "2024-07-15" });
    // max(2024-01-01, 2024-03-15) .. min(2024-06-30, min(2024-12-31, 2024-10-20))
    expect(changes.overlap).toEqual({ from: "2024-03-15", to: "2024-06-30" });
  });

  test("reports in the overlap count whole months inside it only (March is cut by 2024-03-15)", () => {
    // Whole months inside 2024-03-15..2024-06-30: Apr, May, Jun. Before: 6 + 8 + 3 = 17. Now: 7 + 9 + 3 = 19.
    expect(changes.reportsInOverlap).toEqual({ before: 17, now: 19, difference: 2 });
  });

  test("top terms that entered and left", () => {
    expect(changes.termsEntered).toEqual([{ term: "FATIGUE", count: 5 }]);
    expect(changes.termsLeft).toEqual([{ term: "RASH", count: 2 }]);
  });

  test("signals opened and closed per rule; a term gone from the list is not closed", () => {
    // evans: NAUSEA on→on; FATIGUE new and on → opened; RASH left the list → not closed.
    // ror025: NAUSEA on→off → closed; HEADACHE off→on → opened.
    // ic025: HEADACHE on→on: nothing.
    // eb05: NAUSEA 2.5→1.5 → closed; FATIGUE new with EB05 = 2 (≥ 2) → opened.
    expect(changes.signalsOpened).toEqual([
      { rule: "evans", term: "FATIGUE" },
      { rule: "ror025", term: "HEADACHE" },
      { rule: "eb05", term: "FATIGUE" },
    ]);
    expect(changes.signalsClosed).toEqual([
      { rule: "ror025", term: "NAUSEA" },
      { rule: "eb05", term: "NAUSEA" },
    ]);
  });

  test("trend totals and the last complete periods", () => {
    // Before: 5+7+4+6+8+3 = 33, last complete June. Now: 2+7+9+3+4+5+6+1 = 37, October partial → September.
    expect(changes.trend).toEqual({ totalBefore: 33, totalNow: 37, lastPeriodBefore: "2024-06", lastPeriodNow: "2024-09" });
  });

  test("forecast model and the step-1 mean (not the first listed step)", () => {
    expect(changes.forecast).toEqual({ modelBefore: "ETS(A,N,N)", modelNow: "naive", nextMeanBefore: 5.5, nextMeanNow: 4 });
  });

  test("spike alarm counts and periods newly alarmed", () => {
    expect(changes.spikes).toEqual({ alarmsBefore: 1, alarmsNow: 2, newAlarmPeriods: ["2024-08"] });
  });
});

describe("computeChanges edge cases", () => {
  test("disjoint periods: no overlap, no overlap counts", () => {
    const later = snapshot({ id: "rep_later00001", from: "2025-01-01", to: "2025-03-31", dataDate: "2025-04-30", series: months("2025-01", [1, 2, 3]), terms: [], signals: null, forecast: null, alarms: [] });
    const now = withoutChanges(later);
    const changes = computeChanges(previous, now);
    expect(changes.overlap).toBeNull();
    expect(changes.reportsInOverlap).toBeNull();
    // Without signals on one side nothing opens or closes; every previous term left.
    expect(changes.signalsOpened).toEqual([]);
    expect(changes.signalsClosed).toEqual([]);
    expect(changes.termsLeft.map((t) => t.term)).toEqual(["NAUSEA", "HEADACHE", "RASH"]);
    expect(changes.forecast).toEqual({ modelBefore: "ETS(A,N,N)", modelNow: null, nextMeanBefore: 5.5, nextMeanNow: null });
    expect(changes.trend).toEqual({ totalBefore: 33, totalNow: 6, lastPeriodBefore: "2024-06", lastPeriodNow: "2025-03" });
  });

  test("month vs quarter: both sums cover the same whole quarter", () => {
    // Now is quarterly over 2024-01-01..2024-06-30: Q1 = 20, Q2 = 15. Previous months: Q1 = 5+7+4 = 16, Q2 = 6+8+3 = 17.
    const quarterly = snapshot({ id: "rep_quarter001", from: "2024-01-01", to: "2024-06-30", dataDate: "2024-08-01", series: [], terms: [], signals: null, forecast: null, alarms: [] });
    const series = [
      { period: "2024-Q1", start: "2024-01-01", end: "2024-03-31", count: 20, partial: false },
      { period: "2024-Q2", start: "2024-04-01", end: "2024-06-30", count: 15, partial: false },
    ];
    const now = withoutChanges({ ...quarterly, trend: { ...quarterly.trend, interval: "quarter", series, total: 35 } });
    expect(computeChanges(previous, now).reportsInOverlap).toEqual({ before: 33, now: 35, difference: 2 });
    // Overlap 2024-02-01..2024-06-30 (previous cut to start in February): only Q2 is whole in both.
    const cut = { ...now, report: { ...now.report, from: "2024-02-01" } };
    expect(computeChanges(previous, cut).reportsInOverlap).toEqual({ before: 17, now: 15, difference: -2 });
  });
});
