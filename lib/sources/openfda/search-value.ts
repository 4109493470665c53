import { AppError } from "@/lib/errors/app-error";

export const MAX_SEARCH_VALUE_LENGTH = 200;

// openFDA accepts only these characters in `search` (elasticsearch_query.js); `"` and `\` are in its
// list but cannot be escaped inside a phrase, so we reject them rather than guess an escape.
const ALLOWED = /^[\p{L}\p{N} &@%/',._:()[\]{}\-+><=*]+$/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** NFKC, trimmed, inner whitespace collapsed: the form every search value is checked and sent in. */
function normalizeSearchValue(raw: string): string {
  return raw.normalize("NFKC").trim().replace(/\s+/g, " ");
}

/** Why openFDA cannot take `value` inside a quoted phrase, or null when it can. */
function searchValueProblem(value: string): string | null {
  if (value.length === 0) return "must not be empty";
  if (value.length > MAX_SEARCH_VALUE_LENGTH) return `must be at most ${MAX_SEARCH_VALUE_LENGTH} characters`;
  if (CONTROL.test(value)) return "must not contain control characters";
  if (value.includes('"') || value.includes("\\")) return 'must not contain a double quote (") or a backslash (\\)';
  if (!ALLOWED.test(value)) {
    const bad = [...value].find((ch) => !ALLOWED.test(ch)) ?? "";
    return `contains "${bad}", which openFDA cannot search for; remove it`;
  }
  return null;
}

/**
 * Normalizes a user-supplied search value (NFKC, trimmed, inner whitespace collapsed) and checks that
 * openFDA can take it inside a quoted phrase. Throws `invalid_input` naming the parameter otherwise.
 */
export function toSearchValue(raw: string, parameter: string): string {
  const value = normalizeSearchValue(raw);
  const problem = searchValueProblem(value);
  if (problem !== null) {
    throw new AppError({ code: "invalid_input", message: `${parameter}: ${problem}`, details: { parameter } });
  }
  return value;
}

/** Whether `value` is already in the form toSearchValue would send (normalized and accepted). */
export function isSearchValue(value: string): boolean {
  return normalizeSearchValue(value) === value && searchValueProblem(value) === null;
}

/** `field:"VALUE"` — the only way a user value enters a query. */
export function quotedClause(field: string, value: string): string {
  return `${field}:"${value}"`;
}
