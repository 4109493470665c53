export type PeriodInterval = "month" | "quarter" | "year";

/** Period label of an ISO date: month "2024-03", quarter "2024-Q1", year "2024". */
export function toPeriod(isoDate: string, interval: PeriodInterval): string {
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  if (interval === "year") return year;
  if (interval === "quarter") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** First day (ISO) of the period that contains `isoDate`. */
function periodStart(isoDate: string, interval: PeriodInterval): { year: number; month: number } {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  if (interval === "year") return { year, month: 1 };
  if (interval === "quarter") return { year, month: Math.floor((month - 1) / 3) * 3 + 1 };
  return { year, month };
}

const STEP_MONTHS: Record<PeriodInterval, number> = { month: 1, quarter: 3, year: 12 };

/** Every period label from the one containing `from` to the one containing `to`, in order. */
export function listPeriods(from: string, to: string, interval: PeriodInterval): string[] {
  if (from > to) return [];
  const start = periodStart(from, interval);
  const end = periodStart(to, interval);
  const labels: string[] = [];
  let index = start.year * 12 + (start.month - 1);
  const last = end.year * 12 + (end.month - 1);
  for (; index <= last; index += STEP_MONTHS[interval]) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    labels.push(toPeriod(`${year}-${String(month).padStart(2, "0")}-01`, interval));
  }
  return labels;
}
