import { listPeriodRanges, toPeriod, type PeriodInterval } from "@/lib/analytics/series/periods";

export type DailyCount = { date: string; count: number };
export type PeriodCount = { period: string; count: number };
export type SeriesPoint = PeriodCount & {
  start: string;
  end: string;
  /** True when the period is not fully covered (starts before `from` or ends after the data cutoff); left out of model fitting. */
  partial: boolean;
};

/**
 * Sums daily report counts into week, month, quarter or year periods covering [from, to], with a zero
 * for every period that has no reports (an absent period in openFDA's count means zero reports, and a
 * chart or a model must see that zero). Days outside [from, to] are ignored.
 *
 * `dataCutoff` (ISO date) is the last day the source can be complete for: the earlier of the requested
 * `to` and the source's own data date (openFDA `meta.last_updated`, or the FAERS quarter end). A period
 * ending after it is marked `partial` — a period in progress, or one still filling through reporting lag —
 * and so is a first period that starts before `from` (it holds only part of its days).
 */
export function aggregateDailyCounts(
  days: readonly DailyCount[],
  options: { from: string; to: string; interval: PeriodInterval; dataCutoff?: string },
): SeriesPoint[] {
  const cutoff = options.dataCutoff && options.dataCutoff < options.to ? options.dataCutoff : options.to;
  const ranges = listPeriodRanges(options.from, options.to, options.interval);
  const totals = new Map<string, number>(ranges.map((p) => [p.period, 0]));
  for (const day of days) {
    if (day.date < options.from || day.date > options.to) continue;
    const period = toPeriod(day.date, options.interval);
    totals.set(period, (totals.get(period) ?? 0) + day.count);
  }
  return ranges.map((r) => ({ period: r.period, start: r.start, end: r.end, count: totals.get(r.period) ?? 0, partial: r.end > cutoff || r.start < options.from }));
}

/** The counts a model may be fitted on: complete periods only. */
export function completePeriods(series: readonly SeriesPoint[]): SeriesPoint[] {
  return series.filter((p) => !p.partial);
}
