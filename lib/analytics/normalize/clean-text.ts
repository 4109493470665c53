// Text clean-up shared by the normalizers. NFKC folds compatibility forms (full-width letters,
// ligatures, non-breaking spaces) so the same word from different senders compares equal.

/** NFKC, collapse every whitespace run to one space, trim. `undefined` becomes "". */
export function toCleanText(raw: string | undefined): string {
  if (raw === undefined) return "";
  return raw.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** {@link toCleanText} plus upper-casing, for terms that openFDA matches case-insensitively. */
export function toCleanUpperText(raw: string | undefined): string {
  return toCleanText(raw).toUpperCase();
}
