import type { ReportChanges, ReportSnapshot } from "@/lib/reports/snapshot";
import type { SignalRow } from "@/lib/schemas/signals-response";

// What changed since the previous report of the same product: pure, from the two snapshots alone.

type Current = Omit<ReportSnapshot, "changes">;
type SeriesPoint = ReportSnapshot["trend"]["series"][number];

/** The signal rules compared, in print order, each read from a signals row. */
export const SIGNAL_RULES: ReadonlyArray<{ rule: string; flagged: (row: SignalRow) => boolean }> = [
  { rule: "evans", flagged: (row) => row.flags.evans.signal },
  { rule: "ror025", flagged: (row) => row.flags.ror.signal },
  { rule: "ic025", flagged: (row) => row.flags.ic.signal },
  // MGPS: EB05 ≥ 2 (no EBGM where the source cannot fit the prior: not flagged).
  { rule: "eb05", flagged: (row) => row.ebgm !== null && row.ebgm.eb05 >= 2 },
];

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The dates a snapshot's data cover: its period, cut at the data date. */
function window(report: ReportSnapshot["report"]): { from: string; to: string } {
  return { from: report.from, to: minDate(report.to, report.dataDate) };
}

/**
 * Reports in the overlap, then and now. Only whole periods count: a period is used when its
 * start..end lies inside the overlap in both series (a period cut by the overlap's edge is left out,
 * in both). When the intervals differ (month vs quarter), the counted span runs from the earliest
 * start to the latest end that both series share, so both sums cover the same days.
 */
function reportsInOverlap(before: readonly SeriesPoint[], now: readonly SeriesPoint[], overlap: { from: string; to: string }): ReportChanges["reportsInOverlap"] {
  const inside = (p: SeriesPoint) => p.start >= overlap.from && p.end <= overlap.to;
  const a = before.filter(inside);
  const b = now.filter(inside);
  const startsB = new Set(b.map((p) => p.start));
  const endsB = new Set(b.map((p) => p.end));
  const starts = a.map((p) => p.start).filter((s) => startsB.has(s));
  const ends = a.map((p) => p.end).filter((e) => endsB.has(e));
  if (starts.length === 0 || ends.length === 0) return null;
  const lo = starts.reduce(minDate);
  const hi = ends.reduce(maxDate);
  if (hi < lo) return null;
  const sum = (points: readonly SeriesPoint[]) => points.filter((p) => p.start >= lo && p.end <= hi).reduce((s, p) => s + p.count, 0);
  const then = sum(a);
  const current = sum(b);
  return { before: then, now: current, difference: current - then };
}

function lastCompletePeriod(series: readonly SeriesPoint[]): string | null {
  return series.filter((p) => !p.partial).at(-1)?.period ?? null;
}

function alarmPeriods(spikes: ReportSnapshot["spikes"]): string[] {
  return spikes.anomalies.map((a) => a.period ?? spikes.series[a.index]?.period ?? `#${a.index}`);
}

/**
 * Signals opened and closed per rule. A term flagged now that was unflagged or not in the previous
 * list is opened; a term flagged before and in the list but unflagged now is closed. A term that fell
 * out of the top list is not called closed (it may still be flagged below the cut); it shows in the
 * lists' own comparison instead.
 */
function signalChanges(before: ReportSnapshot["signals"], now: ReportSnapshot["signals"]): Pick<ReportChanges, "signalsOpened" | "signalsClosed"> {
  const signalsOpened: ReportChanges["signalsOpened"] = [];
  const signalsClosed: ReportChanges["signalsClosed"] = [];
  if (!before || !now) return { signalsOpened, signalsClosed };
  const previousRows = new Map(before.signals.map((row) => [row.event, row]));
  const currentRows = new Map(now.signals.map((row) => [row.event, row]));
  for (const { rule, flagged } of SIGNAL_RULES) {
    for (const row of now.signals) {
      const then = previousRows.get(row.event);
      if (flagged(row) && (then === undefined || !flagged(then))) signalsOpened.push({ rule, term: row.event });
    }
    for (const row of before.signals) {
      const current = currentRows.get(row.event);
      if (flagged(row) && current !== undefined && !flagged(current)) signalsClosed.push({ rule, term: row.event });
    }
  }
  return { signalsOpened, signalsClosed };
}

/** The changes between the previous report's snapshot and this one's. */
export function computeChanges(previous: ReportSnapshot, current: Current): ReportChanges {
  const a = window(previous.report);
  const b = window(current.report);
  const from = maxDate(a.from, b.from);
  const to = minDate(a.to, b.to);
  const overlap = from <= to ? { from, to } : null;

  const previousTerms = new Set(previous.reactions.terms.map((t) => t.term));
  const currentTerms = new Set(current.reactions.terms.map((t) => t.term));
  const previousAlarms = new Set(alarmPeriods(previous.spikes));

  return {
    previous: {
      reportId: previous.report.id,
      title: previous.report.title,
      from: previous.report.from,
      to: previous.report.to,
      dataDate: previous.report.dataDate,
    },
    overlap,
    reportsInOverlap: overlap ? reportsInOverlap(previous.trend.series, current.trend.series, overlap) : null,
    termsEntered: current.reactions.terms.filter((t) => !previousTerms.has(t.term)).map(({ term, count }) => ({ term, count })),
    termsLeft: previous.reactions.terms.filter((t) => !currentTerms.has(t.term)).map(({ term, count }) => ({ term, count })),
    ...signalChanges(previous.signals, current.signals),
    trend: {
      totalBefore: previous.trend.total,
      totalNow: current.trend.total,
      lastPeriodBefore: lastCompletePeriod(previous.trend.series),
      lastPeriodNow: lastCompletePeriod(current.trend.series),
    },
    forecast: {
      modelBefore: previous.forecast?.model ?? null,
      modelNow: current.forecast?.model ?? null,
      nextMeanBefore: previous.forecast?.forecast.find((f) => f.step === 1)?.mean ?? null,
      nextMeanNow: current.forecast?.forecast.find((f) => f.step === 1)?.mean ?? null,
    },
    spikes: {
      alarmsBefore: previous.spikes.anomalies.length,
      alarmsNow: current.spikes.anomalies.length,
      newAlarmPeriods: alarmPeriods(current.spikes).filter((p) => !previousAlarms.has(p)),
    },
  };
}
