import type { TwoByTwoTable } from "./types";

export type TableValidationErrorCode =
  | "not_an_object"
  | "missing_cell"
  | "not_a_number"
  | "negative_cell"
  | "non_integer_cell"
  | "unsafe_integer";

export interface TableValidationError {
  code: TableValidationErrorCode;
  /** The offending cell, when one cell is at fault. */
  cell?: keyof TwoByTwoTable;
  message: string;
}

export type TableValidationResult = { ok: true; table: TwoByTwoTable } | { ok: false; error: TableValidationError };

const CELLS = ["a", "b", "c", "d"] as const;

/**
 * Checks that `input` is a 2×2 table of report counts: an object with cells a, b, c, d, each a finite,
 * non-negative integer, and N = a+b+c+d a safe integer (≤ 2^53 − 1, so every sum and product used by
 * the measures stays exact enough). Never throws.
 *
 * @returns `{ ok: true, table }` with a fresh copy holding only the four cells, or `{ ok: false, error }`
 *   whose `code` says what is wrong (`negative_cell`, `non_integer_cell`, …) and `cell` which cell.
 */
export function validateTable(input: unknown): TableValidationResult {
  if (typeof input !== "object" || input === null) {
    return { ok: false, error: { code: "not_an_object", message: "A 2×2 table must be an object {a, b, c, d}." } };
  }
  const record = input as Record<string, unknown>;
  for (const cell of CELLS) {
    const value = record[cell];
    if (value === undefined) {
      return { ok: false, error: { code: "missing_cell", cell, message: `Cell ${cell} is missing.` } };
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      return { ok: false, error: { code: "not_a_number", cell, message: `Cell ${cell} must be a finite number, got ${String(value)}.` } };
    }
    if (value < 0) {
      return { ok: false, error: { code: "negative_cell", cell, message: `Cell ${cell} is a report count and cannot be negative (${value}).` } };
    }
    if (!Number.isInteger(value)) {
      return { ok: false, error: { code: "non_integer_cell", cell, message: `Cell ${cell} is a report count and must be an integer (${value}).` } };
    }
  }
  const table = { a: record.a as number, b: record.b as number, c: record.c as number, d: record.d as number };
  if (!Number.isSafeInteger(table.a + table.b + table.c + table.d)) {
    return { ok: false, error: { code: "unsafe_integer", message: "N = a+b+c+d exceeds Number.MAX_SAFE_INTEGER." } };
  }
  return { ok: true, table };
}

/** Thrown by functions that require a valid table; carries the validation error. */
export class InvalidTableError extends Error {
  readonly code: TableValidationErrorCode;
  readonly cell?: keyof TwoByTwoTable;

  constructor(error: TableValidationError) {
    super(error.message);
    this.name = "InvalidTableError";
    this.code = error.code;
    if (error.cell) this.cell = error.cell;
  }
}

/** {@link validateTable}, throwing {@link InvalidTableError} instead of returning the error. */
export function assertValidTable(input: unknown): TwoByTwoTable {
  const result = validateTable(input);
  if (!result.ok) throw new InvalidTableError(result.error);
  return result.table;
}
