import { AppError } from "@/lib/errors/app-error";

export const MAX_SEARCH_VALUE_LENGTH = 200;

// openFDA accepts only these characters in `search` (elasticsearch_query.js); `"` and `\` are in its
// list but cannot be escaped inside a phrase, so we reject them rather than guess an escape.
const ALLOWED = /^[\p{L}\p{N} &@%/',._:()[\]{}\-+><=*]+$/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/**
 * Normalizes a user-supplied search value (NFKC, trimmed, inner whitespace collapsed) and checks that
 * openFDA can take it inside a quoted phrase. Throws `invalid_input` naming the parameter otherwise.
 */
export function toSearchValue(raw: string, parameter: string): string {
  const value = raw.normalize("NFKC").trim().replace(/\s+/g, " ");
  const fail = (message: string) =>
    new AppError({ code: "invalid_input", message: `${parameter}: ${message}`, details: { parameter } });
  if (value.length === 0) throw fail("must not be empty");
  if (value.length > MAX_SEARCH_VALUE_LENGTH) throw fail(`must be at most ${MAX_SEARCH_VALUE_LENGTH} characters`);
  if (CONTROL.test(value)) throw fail("must not contain control characters");
  if (value.includes('"') || value.includes("\\")) throw fail('must not contain a double quote (") or a backslash (\\)');
  if (!ALLOWED.test(value)) {
    const bad = [...value].find((ch) => !ALLOWED.test(ch)) ?? "";
    throw fail(`contains "${bad}", which openFDA cannot search for; remove it`);
  }
  return value;
}

/** `field:"VALUE"` — the only way a user value enters a query. */
export function quotedClause(field: string, value: string): string {
  return `${field}:"${value}"`;
}
