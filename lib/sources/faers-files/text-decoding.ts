// FDA extracts are mostly ASCII, but free-text columns carry bytes ≥ 0x80 in one of two encodings:
// UTF-8 (newer quarters) or a Windows single-byte code page (older ones, "latin1"). Files are read as
// latin1 strings — one character per byte, lossless — and each line with a high byte is re-decoded
// here: as UTF-8 when its bytes are valid UTF-8, else as Windows-1252 (latin1 with printable
// characters such as ’ “ ” € – in 0x80–0x9F, where ISO-8859-1 has control codes).

const HIGH_BYTE = /[\x80-\xff]/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

// Windows-1252 0x80–0x9F; the five undefined positions (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their byte.
const CP1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export type LineEncoding = "ascii" | "utf-8" | "windows-1252";

export interface DecodedLine {
  text: string;
  encoding: LineEncoding;
}

/** Re-decodes one line read as latin1 (each char = one byte, all < 0x100). Pure. */
export function decodeLatin1Line(latin1: string): DecodedLine {
  if (!HIGH_BYTE.test(latin1)) return { text: latin1, encoding: "ascii" };
  const bytes = Buffer.from(latin1, "latin1");
  try {
    return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c), encoding: "windows-1252" };
  }
}
