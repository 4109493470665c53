import { FaersFileError } from "./errors";

/**
 * Splits one CSV line (RFC 4180: comma-separated, fields optionally in double quotes, "" for a quote
 * inside quotes). A quoted field cannot span lines here: an unterminated quote, or text after a
 * closing quote, is a FaersFileError naming the file and line.
 */
export function parseCsvLine(line: string, file: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let i = 0;
  const length = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let start = i + 1;
      for (;;) {
        const quote = line.indexOf('"', start);
        if (quote < 0) throw new FaersFileError(file, lineNumber, "unterminated quoted CSV field");
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(start, quote + 1);
          start = quote + 2;
          continue;
        }
        value += line.slice(start, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === length) return fields;
      if (line.charCodeAt(i) !== 44 /* , */) {
        throw new FaersFileError(file, lineNumber, `unexpected text after a closing quote at column ${i + 1}`);
      }
      i += 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? length : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) throw new FaersFileError(file, lineNumber, `stray quote in unquoted CSV field at column ${i + 1}`);
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
