// Log-injection guard: an audit string is one line of plain text. CR/LF would forge extra lines in any
// text export; other control characters and bidi overrides can hide or reorder text in an admin's view.
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Replaces control, line-separator and bidi-override characters with a space. */
export function stripControlCharacters(value: string): string {
  return value.replace(UNSAFE_CHARACTERS, " ");
}

/** Cuts to `maxLength` UTF-16 units, marking the cut with "…" and never splitting a surrogate pair. */
export function truncateText(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let cut = value.slice(0, Math.max(0, maxLength - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}
