import { listPeriods, toPeriod, type PeriodInterval } from "@/lib/analytics/series/periods";

export type DailyCount = { date: string; count: number };
export type PeriodCount = { period: string; count: number };

/**
 * Sums daily report counts into month, quarter or year periods covering [from, to], with a zero for
 * every period that has no reports (an absent period in openFDA's count means zero reports, and a
 * chart or a model must see that zero). Days outside [from, to] are ignored.
 */
export function aggregateDailyCounts(
  days: readonly DailyCount[],
  options: { from: string; to: string; interval: PeriodInterval },
): PeriodCount[] {
  const totals = new Map<string, number>(listPeriods(options.from, options.to, options.interval).map((p) => [p, 0]));
  for (const day of days) {
    if (day.date < options.from || day.date > options.to) continue;
    const period = toPeriod(day.date, options.interval);
    totals.set(period, (totals.get(period) ?? 0) + day.count);
  }
  return [...totals].map(([period, count]) => ({ period, count }));
}
