import { FaersFileError } from "./errors";

/**
 * One line of an FDA deleted-cases list (DELETE22Q4.txt: one caseid per line, no header; the first
 * line of the 2022Q4 file is a single space). Returns the caseid, or null for a blank line or a
 * "caseid" header. A trailing `$` is tolerated. Anything else is a FaersFileError naming the line.
 */
export function parseDeleteListLine(line: string, file: string, lineNumber: number): string | null {
  const text = line.trim().replace(/\$$/, "").trim();
  if (text === "" || /^caseid$/i.test(text)) return null;
  if (!/^\d+$/.test(text)) {
    throw new FaersFileError(file, lineNumber, `a deleted-cases list holds one numeric caseid per line, found "${text.slice(0, 40)}"`);
  }
  return text;
}
