import { toIsoDate } from "@/lib/analytics/normalize";

// Report dates are held as YYYYMMDD numbers (0 = unknown): compact, and ordered like the dates.

/** YYYYMMDD as a number when `raw` is a real calendar date (toIsoDate rules), else 0. */
export function toDateNumber(raw: string): number {
  return toIsoDate(raw) === null ? 0 : Number(raw.trim());
}

/** `YYYY-MM-DD` of a YYYYMMDD number, or null for 0. */
export function toIsoFromNumber(date: number): string | null {
  if (date <= 0) return null;
  const text = String(date);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** YYYYMMDD number of an ISO `YYYY-MM-DD` (or `YYYYMMDD`) date, or null when it is not one. */
export function toNumberFromIso(iso: string): number | null {
  const digits = iso.trim().replaceAll("-", "");
  return toIsoDate(digits) === null ? null : Number(digits);
}
