import type { TwoByTwoTable } from "./types";

/** Report counts a 2×2 table is built from when the cells are not counted directly (openFDA). */
export interface TableMargins {
  /** Reports with the drug and the event. */
  a: number;
  /** Reports with the drug (a + b). */
  drugReports: number;
  /** Reports with the event (a + c). */
  eventReports: number;
  /** All reports (N = a + b + c + d). */
  allReports: number;
}

export type MarginInconsistencyCode =
  | "invalid_count"
  | "a_exceeds_drug_reports"
  | "a_exceeds_event_reports"
  | "margins_exceed_all_reports";

export interface MarginInconsistency {
  code: MarginInconsistencyCode;
  /** The numbers that disagree, in words. */
  message: string;
}

export type TableFromMarginsResult =
  | { ok: true; table: TwoByTwoTable }
  | { ok: false; inconsistencies: [MarginInconsistency, ...MarginInconsistency[]] };

const COUNTS = ["a", "drugReports", "eventReports", "allReports"] as const;

/**
 * The 2×2 table of a drug–event pair from its margins: b = drugReports − a, c = eventReports − a,
 * d = N − drugReports − eventReports + a. Margins read by separate queries can disagree (the index
 * moved between calls, or two fields are counted differently); every cell must then be ≥ 0, so the
 * table exists only when a ≤ drugReports, a ≤ eventReports and drugReports + eventReports − a ≤ N
 * (the reports with the drug or the event fit in all reports). Otherwise no table is made — a clamped
 * cell would be a count nobody observed — and every broken condition is returned.
 */
export function tableFromMargins(margins: TableMargins): TableFromMarginsResult {
  const invalid = COUNTS.filter((k) => !Number.isSafeInteger(margins[k]) || margins[k] < 0);
  if (invalid.length > 0) {
    const list = invalid.map((k) => `${k} = ${String(margins[k])}`).join(", ");
    return { ok: false, inconsistencies: [{ code: "invalid_count", message: `Report counts must be whole numbers ≥ 0 (${list}).` }] };
  }
  const { a, drugReports, eventReports, allReports } = margins;
  const found: MarginInconsistency[] = [];
  if (a > drugReports) {
    found.push({ code: "a_exceeds_drug_reports", message: `${a} reports with the drug and the event, but only ${drugReports} with the drug.` });
  }
  if (a > eventReports) {
    found.push({ code: "a_exceeds_event_reports", message: `${a} reports with the drug and the event, but only ${eventReports} with the event.` });
  }
  const union = drugReports + eventReports - a;
  if (union > allReports) {
    found.push({
      code: "margins_exceed_all_reports",
      message: `${drugReports} drug + ${eventReports} event − ${a} both = ${union} reports with either, more than all ${allReports}.`,
    });
  }
  const [first, ...rest] = found;
  if (first) return { ok: false, inconsistencies: [first, ...rest] };
  return { ok: true, table: { a, b: drugReports - a, c: eventReports - a, d: allReports - union } };
}
