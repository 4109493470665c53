import type { DisproportionalityMeasures } from "./compute-measures";
import type { MarginInconsistency, TableMargins } from "./table-from-margins";

const REASON = "inconsistent_margins" as const;
const NO_FLAG = { signal: false, reason: REASON } as const;

/** What {@link measuresWithoutTable} returns: the shape of computeMeasures with every measure absent. */
export type MeasuresWithoutTable = Omit<DisproportionalityMeasures, "table" | "total" | "method"> & {
  table: null;
  total: null;
  method: Record<string, never>;
  /** The counts that disagree and every way they do. */
  inconsistent: { margins: TableMargins; reasons: MarginInconsistency[] };
};

/**
 * The answer for a drug–event pair whose margins disagree (tableFromMargins refused them): no table,
 * every measure `null` with reason `inconsistent_margins`, no flag raised, and the margins and reasons
 * kept so a reader sees which counts were at odds. Nothing is computed from a table nobody observed.
 */
export function measuresWithoutTable(margins: TableMargins, reasons: MarginInconsistency[]): MeasuresWithoutTable {
  return {
    table: null,
    total: null,
    expected: null,
    prr: null,
    chiSquare: null,
    ror: null,
    ic: null,
    bcpnnGould: null,
    nullReasons: { expected: REASON, prr: REASON, chiSquare: REASON, ror: REASON, ic: REASON, bcpnnGould: REASON },
    flags: { evans: NO_FLAG, ror: NO_FLAG, ic: NO_FLAG, bcpnnGould: NO_FLAG },
    method: {},
    inconsistent: { margins, reasons },
  };
}

/**
 * The data-quality note for an answer: which terms had inconsistent margins and why (one line), or
 * nothing when every table could be built.
 */
export function describeInconsistentTerms(rows: readonly { event: string; inconsistent?: MeasuresWithoutTable["inconsistent"] }[]): string[] {
  const broken = rows.flatMap((r) => (r.inconsistent ? [`${r.event} (${r.inconsistent.reasons.map((x) => x.message).join(" ")})`] : []));
  if (broken.length === 0) return [];
  return [
    `Data quality: the counts of ${broken.length} term(s) disagree, so they have no 2×2 table and no measures (a cell is never clamped to 0): ${broken.join("; ")}`,
  ];
}
