// Values MAUDE uses for "nothing here" in free-text identifier fields: "*" is its invalid-data code
// (enums.csv), "NI"/"UNK"/"NA" are E2B-style null flavours, the rest are what reporters type.
const PLACEHOLDER_VALUES = new Set([
  "",
  "*",
  "-",
  "--",
  "?",
  "NA",
  "N/A",
  "NI",
  "UNK",
  "UNKN",
  "UNKNOWN",
  "NONE",
  "NOT APPLICABLE",
  "NO INFORMATION",
  "NO ANSWER PROVIDED",
  "INVALID DATA",
]);

/** True for blank text and for placeholder values such as "*", "NI", "UNK", "N/A" (case-insensitive). */
export function isPlaceholderText(cleanText: string): boolean {
  return PLACEHOLDER_VALUES.has(cleanText.trim().toUpperCase());
}
