// Minimal RFC 4180 CSV reader: commas, double-quoted fields with "" escapes, newlines inside quotes,
// LF or CRLF line ends. It keeps whether a cell was quoted because R's write.csv writes a missing
// value as a bare NA and a real string "NA" in quotes.

export interface CsvCell {
  value: string;
  quoted: boolean;
}

export function parseCsv(text: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  const n = text.length;

  while (i < n) {
    let value = "";
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new Error("CSV: unterminated quoted field");
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
    } else {
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        value += text[i];
        i++;
      }
    }
    row.push({ value, quoted });

    const sep = text[i];
    if (sep === ",") {
      i++;
      // A trailing comma at end of line/file means one more empty cell.
      if (i >= n || text[i] === "\n" || text[i] === "\r") row.push({ value: "", quoted: false });
      if (i < n && (text[i] === "\n" || text[i] === "\r")) {
        i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
        rows.push(row);
        row = [];
      }
    } else if (sep === "\n" || sep === "\r") {
      i += sep === "\r" && text[i + 1] === "\n" ? 2 : 1;
      rows.push(row);
      row = [];
    } else if (i < n) {
      throw new Error(`CSV: unexpected character ${JSON.stringify(sep)} after quoted field at offset ${i}`);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
