// One number format for the whole CER: counts exact with thousands separators, ratios with fixed decimals.
// Pure and locale-fixed (en-US grouping), so the PDF is the same on every machine.

const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, useGrouping: true });
const fixedFormats = new Map<number, Intl.NumberFormat>();

/** A count exactly as the API gave it (never rounded: a non-integer is printed with its decimals). */
export function fmtCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return Number.isInteger(n) ? INT.format(n) : fmtFixed(n, 2);
}

/** A ratio or statistic with `digits` fixed decimals. */
export function fmtFixed(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined) return "—";
  if (n === Number.POSITIVE_INFINITY) return "∞";
  if (n === Number.NEGATIVE_INFINITY) return "−∞";
  if (Number.isNaN(n)) return "—";
  let f = fixedFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    fixedFormats.set(digits, f);
  }
  return f.format(n);
}

export function fmtPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : `${fmtFixed(share * 100, 1)} %`;
}

/** A ratio with its 95 % interval: "2.31 (1.80–2.96)". */
export function fmtRatio(r: { value: number; lower95: number; upper95: number } | null): string {
  return r === null ? "—" : `${fmtFixed(r.value)} (${fmtFixed(r.lower95)}–${fmtFixed(r.upper95)})`;
}

export function fmtParam(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (Array.isArray(v)) return v.map(fmtParam).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** FOIA redaction markers in MAUDE text. */
export const FOIA_PATTERN = /\(b\)\((4|6)\)/;
