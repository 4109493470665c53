export type PeriodInterval = "week" | "month" | "quarter" | "year";

const DAY_MS = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday (ISO) of the ISO week containing `isoDate`. */
function isoWeekStart(isoDate: string): number {
  const ms = toUtc(isoDate);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  return ms - weekday * DAY_MS;
}

/** ISO-8601 week label, e.g. "2024-W01" (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeekLabel(isoDate: string): string {
  const thursday = isoWeekStart(isoDate) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Period label of an ISO date: week "2024-W05", month "2024-03", quarter "2024-Q1", year "2024". */
export function toPeriod(isoDate: string, interval: PeriodInterval): string {
  if (interval === "week") return isoWeekLabel(isoDate);
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  if (interval === "year") return year;
  if (interval === "quarter") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** First and last day (ISO) of the period that contains `isoDate`. */
export function periodBounds(isoDate: string, interval: PeriodInterval): { start: string; end: string } {
  if (interval === "week") {
    const start = isoWeekStart(isoDate);
    return { start: toIso(start), end: toIso(start + 6 * DAY_MS) };
  }
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const firstMonth = interval === "year" ? 1 : interval === "quarter" ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const months = interval === "year" ? 12 : interval === "quarter" ? 3 : 1;
  const start = Date.UTC(year, firstMonth - 1, 1);
  const end = Date.UTC(year, firstMonth - 1 + months, 1) - DAY_MS;
  return { start: toIso(start), end: toIso(end) };
}

/** Every period from the one containing `from` to the one containing `to`, in order, with its bounds. */
export function listPeriodRanges(from: string, to: string, interval: PeriodInterval): { period: string; start: string; end: string }[] {
  if (from > to) return [];
  const out: { period: string; start: string; end: string }[] = [];
  let cursor = periodBounds(from, interval).start;
  while (cursor <= to) {
    const bounds = periodBounds(cursor, interval);
    out.push({ period: toPeriod(cursor, interval), ...bounds });
    cursor = toIso(toUtc(bounds.end) + DAY_MS);
  }
  return out;
}

/** Every period label from the one containing `from` to the one containing `to`, in order. */
export function listPeriods(from: string, to: string, interval: PeriodInterval): string[] {
  return listPeriodRanges(from, to, interval).map((p) => p.period);
}

/** Periods per year for a model's seasonal frequency. */
export const FREQUENCY: Record<PeriodInterval, 1 | 4 | 12 | 52> = { week: 52, month: 12, quarter: 4, year: 1 };

/** The `count` periods that follow the period ending on `lastEnd` (ISO), e.g. forecast steps. */
export function nextPeriods(lastEnd: string, interval: PeriodInterval, count: number): { period: string; start: string; end: string }[] {
  const out: { period: string; start: string; end: string }[] = [];
  let cursor = toIso(toUtc(lastEnd) + DAY_MS);
  for (let i = 0; i < count; i++) {
    const bounds = periodBounds(cursor, interval);
    out.push({ period: toPeriod(cursor, interval), ...bounds });
    cursor = toIso(toUtc(bounds.end) + DAY_MS);
  }
  return out;
}
