// `count=` aggregation: openFDA counts documents (reports) per term, not occurrences.
import { analyze, exactValue, fieldRef, leafValues } from "./query-evaluator";
import type { JsonObject } from "./types";

export type CountResult =
  | { kind: "time"; results: { time: string; count: number }[] }
  | { kind: "term"; results: { term: string; count: number }[] };

export function countField(
  records: readonly JsonObject[],
  field: string,
  dateFields: ReadonlySet<string>,
  limit: number,
): CountResult {
  const ref = fieldRef(field);
  const tally = new Map<string, number>();
  const bump = (key: string): void => {
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };

  if (dateFields.has(ref.path.join("."))) {
    // Daily series of every day with reports, ascending, never truncated by `limit`.
    for (const record of records) {
      const days = new Set(leafValues(record, ref.path).filter((v) => /^\d{8}$/.test(v)));
      days.forEach(bump);
    }
    const results = [...tally.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([time, count]) => ({ time, count }));
    return { kind: "time", results };
  }

  for (const record of records) {
    const values = leafValues(record, ref.path);
    // .exact terms are whole keyword values; analysed fields count their lower-cased tokens.
    // Empty strings are skipped: they carry no term worth counting.
    const terms = new Set(ref.exact ? values.filter((v) => v !== "").map((v) => exactValue(ref, v)) : values.flatMap(analyze));
    terms.forEach(bump);
  }
  const results = [...tally.entries()]
    .sort(([termA, a], [termB, b]) => b - a || (termA < termB ? -1 : termA > termB ? 1 : 0))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
  return { kind: "term", results };
}
