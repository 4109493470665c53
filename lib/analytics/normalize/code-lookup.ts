export interface CodeLookup<Value> {
  value: Value;
  /** True when a non-blank raw value was not in the code table (a data-quality finding). */
  unrecognized: boolean;
}

/**
 * Looks up a coded openFDA value ("1", "2", …) in a table. Blank or missing input gives `fallback`
 * without being flagged; a non-blank value outside the table gives `fallback` and is flagged.
 */
export function lookupCode<Value>(
  table: Readonly<Record<string, Value>>,
  raw: string | undefined,
  fallback: Value,
): CodeLookup<Value> {
  const code = (raw ?? "").trim();
  if (code === "") return { value: fallback, unrecognized: false };
  // hasOwn so that "constructor" or "__proto__" never resolve to Object.prototype members.
  if (Object.hasOwn(table, code)) return { value: table[code] as Value, unrecognized: false };
  return { value: fallback, unrecognized: true };
}
