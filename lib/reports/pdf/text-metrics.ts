import { readFileSync } from "node:fs";
import path from "node:path";

// Advance widths of the report's fonts (DejaVu Sans regular and bold), read from the TTF files the PDF
// embeds, so tables can break their cells into lines themselves (see primitives/Table). Only what that
// needs: the cmap (format 4, Unicode BMP) and hmtx tables; no kerning (DejaVu's kerning narrows text, so
// a line measured without it never comes out wider than it is).

export type FontMetrics = { unitsPerEm: number; advance: (codePoint: number) => number };

function parseTtf(buf: Buffer): FontMetrics {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString("latin1", rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no ${tag} table`);
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(table("head") + 18);
  const numberOfHMetrics = buf.readUInt16BE(table("hhea") + 34);
  const hmtx = table("hmtx");
  const glyphAdvance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  // cmap: the Windows Unicode BMP subtable (platform 3, encoding 1), format 4.
  const cmap = table("cmap");
  let sub = -1;
  for (let i = 0, n = buf.readUInt16BE(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + i * 8;
    if (buf.readUInt16BE(rec) === 3 && buf.readUInt16BE(rec + 2) === 1) sub = cmap + buf.readUInt32BE(rec + 4);
  }
  if (sub < 0 || buf.readUInt16BE(sub) !== 4) throw new Error("font has no format-4 Unicode cmap");
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  const glyphOf = (cp: number): number => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (cp > buf.readUInt16BE(ends + 2 * i)) continue;
      const start = buf.readUInt16BE(starts + 2 * i);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + 2 * i);
      const ro = buf.readUInt16BE(rangeOffsets + 2 * i);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(rangeOffsets + 2 * i + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const advance = (cp: number) => {
    let w = cache.get(cp);
    if (w === undefined) {
      w = glyphAdvance(glyphOf(cp));
      cache.set(cp, w);
    }
    return w;
  };
  return { unitsPerEm, advance };
}

let loaded: { dir: string; regular: FontMetrics; bold: FontMetrics } | null = null;

/** Loads the metrics of DejaVuSans.ttf and DejaVuSans-Bold.ttf in `dir` (the fonts registered for the PDF). */
export function loadReportFontMetrics(dir: string): void {
  if (loaded?.dir === dir) return;
  loaded = { dir, regular: parseTtf(readFileSync(path.join(dir, "DejaVuSans.ttf"))), bold: parseTtf(readFileSync(path.join(dir, "DejaVuSans-Bold.ttf"))) };
}

function metrics(bold: boolean): FontMetrics {
  if (!loaded) loadReportFontMetrics(path.resolve(process.cwd(), "public/fonts"));
  return bold ? loaded!.bold : loaded!.regular;
}

/** Width in points of `text` at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  const m = metrics(bold);
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0)!);
  return (units * size) / m.unitsPerEm;
}

/**
 * `text` broken into lines no wider than `width` points: at spaces, and inside a word only when the word
 * alone is wider than a line. Nothing is added or dropped except the spaces at the breaks.
 */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (textWidth(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      // A word wider than the line: cut it where it stops fitting.
      while (textWidth(rest, size, bold) > width) {
        let cut = 1;
        const chars = [...rest];
        while (cut < chars.length && textWidth(chars.slice(0, cut + 1).join(""), size, bold) <= width) cut++;
        lines.push(chars.slice(0, cut).join(""));
        rest = chars.slice(cut).join("");
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
