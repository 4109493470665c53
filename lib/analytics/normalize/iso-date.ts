const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Converts an openFDA `YYYYMMDD` date (`receivedate`, `date_received`, `date_of_event`) to ISO
 * `YYYY-MM-DD`. Returns null for missing input, any other format, or a day that does not exist
 * (20230230, 20231301). Calendar arithmetic is done by hand because `Date.UTC` maps years 0–99 to
 * 1900–1999.
 */
export function toIsoDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const [, yearText = "", monthText = "", dayText = ""] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const monthDays = DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1) return null;
  const lastDay = month === 2 && isLeapYear(year) ? 29 : monthDays;
  if (day > lastDay) return null;
  return `${yearText}-${monthText}-${dayText}`;
}
