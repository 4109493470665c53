// Words MAUDE uses for "nothing here" in free-text identifier fields: "NI"/"UNK"/"NA" are E2B-style
// null flavours (also in FDA's enums.csv), the rest are what reporters type.
const PLACEHOLDER_WORDS = new Set([
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

/**
 * True for text that carries no value: blank, punctuation only ("*" is MAUDE's invalid-data code;
 * "-", ".", "?" are typed by reporters), or a placeholder word such as "NI", "UNK", "N/A"
 * (case-insensitive).
 */
export function isPlaceholderText(text: string): boolean {
  const trimmed = text.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return true;
  return PLACEHOLDER_WORDS.has(trimmed.toUpperCase());
}
