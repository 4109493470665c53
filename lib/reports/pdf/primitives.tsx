import { Path, Svg, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { CONTENT_WIDTH, styles } from "./styles";
import { wrapText } from "./text-metrics";

export type Column = { title: string; flex?: number; width?: number; align?: "left" | "right" };

const CELL_PAD_X = 2;
const CELL_PAD_Y = 1.2;
const CELL_SIZE = 7.5;
/** Cell line height in points: a fixed multiple (above DejaVu's natural 1.164), so row heights are known. */
const CELL_LINE = CELL_SIZE * 1.2;
/** Rows are grouped into unbreakable blocks of about this many lines (a taller row is a block of its own). */
const BLOCK_LINES = 6;
/**
 * Lines are counted at 92 % of a cell's width: react-pdf's line breaker (Knuth-Plass, shrinkable spaces) may
 * break differently from this greedy count, and a fixed-height cell drops a line it has no room for, so the
 * count errs on the side of a spare line (blank space at worst, never a lost line).
 */
const wrapWidth = (w: number) => (w - 2 * CELL_PAD_X) * 0.92;

/** Column widths in points over the content width, as flexbox would share it out (fixed widths first). */
function columnWidths(columns: Column[], total = CONTENT_WIDTH): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flex = columns.reduce((sum, c) => sum + (c.width ? 0 : (c.flex ?? 1)), 0);
  return columns.map((c) => c.width ?? ((total - fixed) * (c.flex ?? 1)) / flex);
}

type Block = { rows: string[][]; lines: number[] };

const cellText = { fontSize: CELL_SIZE, lineHeight: 1.2, paddingHorizontal: CELL_PAD_X, paddingVertical: CELL_PAD_Y };

/**
 * A table whose header row repeats on every page it runs over. Cells are plain strings.
 *
 * Laid out here rather than left to flexbox: column widths are fixed from `flex`/`width`, each row's
 * height is its tallest cell's line count (counted with the embedded DejaVu's advance widths) times a fixed
 * line height, and rows are grouped into unbreakable blocks of a few lines, one column View each, with one
 * Svg path for the rules under the rows. No cell is measured by yoga (text is laid out once, not per
 * measuring pass) and a block is one item for the pagination. Rows never split across pages.
 */
export function Table({ columns, rows, keyPrefix }: { columns: Column[]; rows: string[][]; keyPrefix: string }) {
  const widths = columnWidths(columns);
  const inner = widths.map(wrapWidth);
  const blocks: Block[] = [];
  let block: Block = { rows: [], lines: [] };
  for (const r of rows) {
    const cells = columns.map((_, j) => r[j] ?? "");
    const lines = Math.max(1, ...cells.map((c, j) => wrapText(c, inner[j]!, CELL_SIZE).length));
    const used = block.lines.reduce((a, b) => a + b, 0);
    if (block.rows.length > 0 && used + lines > BLOCK_LINES) {
      blocks.push(block);
      block = { rows: [], lines: [] };
    }
    block.rows.push(cells);
    block.lines.push(lines);
  }
  if (block.rows.length) blocks.push(block);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  return (
    <View style={styles.table}>
      <View style={styles.headRow} fixed>
        {columns.map((c, j) => (
          <Text key={c.title} style={[styles.headCell, { width: widths[j]!, textAlign: c.align ?? "left" }]}>
            {c.title}
          </Text>
        ))}
      </View>
      {blocks.map((b, i) => {
        // A hair over the lines' height: textkit drops a line that misses its box by a rounding error.
        const heights = b.lines.map((n) => n * CELL_LINE + 2 * CELL_PAD_Y + 0.1);
        const height = heights.reduce((a, h) => a + h, 0);
        let y = 0;
        const rules = heights.map((h, k) => {
          y += h;
          return `M0 ${(k === heights.length - 1 ? y - 0.25 : y).toFixed(2)} H${tableWidth.toFixed(2)}`;
        });
        return (
          <View key={`${keyPrefix}-${i}`} style={{ flexDirection: "row", height }} wrap={false}>
            <Svg style={{ position: "absolute", top: 0, left: 0 }} width={tableWidth} height={height}>
              <Path d={rules.join(" ")} stroke="#ccc" strokeWidth={0.5} />
            </Svg>
            {columns.map((c, j) => (
              <View key={c.title} style={{ width: widths[j]! }}>
                {b.rows.map((cells, k) => (
                  <Text key={k} style={[cellText, { height: heights[k]!, textAlign: c.align ?? "left" }]}>
                    {cells[j]}
                  </Text>
                ))}
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}

export function KeyValues({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <View style={styles.p}>
      {items.map(([k, v]) => (
        <View key={k} style={styles.kvRow} wrap={false}>
          <Text style={styles.kvKey}>{k}</Text>
          <Text style={styles.kvValue}>{v}</Text>
        </View>
      ))}
    </View>
  );
}

export function P({ children, small }: { children: ReactNode; small?: boolean }) {
  return <Text style={small ? [styles.p, styles.small] : styles.p}>{children}</Text>;
}

export function Bullets({ items, small }: { items: string[]; small?: boolean }) {
  return (
    <View style={styles.p}>
      {items.map((item, i) => (
        <View key={i} style={styles.bullet} wrap={false}>
          <Text style={{ width: 10 }}>•</Text>
          <Text style={small ? [{ flex: 1 }, styles.small] : { flex: 1 }}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

export const PLACEHOLDER = "[to be completed by the evaluator]";

export function Placeholder({ what }: { what?: string }) {
  return <Text style={styles.placeholder}>{what ? `${PLACEHOLDER} (${what})` : PLACEHOLDER}</Text>;
}

export function H2({ children }: { children: ReactNode }) {
  return (
    <Text style={styles.h2} minPresenceAhead={40}>
      {children}
    </Text>
  );
}

/**
 * Long strings (openFDA URLs) in lines of at most `width` characters, broken after "&", "+" or "," where
 * possible. Splitting here instead of letting the layout hyphenate keeps every character as sent: no "-"
 * is inserted, so the query reads back exactly (join the lines).
 */
export function chunkLongText(text: string, width = 100): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const cut = Math.max(window.lastIndexOf("&"), window.lastIndexOf("+"), window.lastIndexOf(","));
    const at = cut > width / 2 ? cut + 1 : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

export function Query({ text }: { text: string }) {
  return (
    <View style={{ marginBottom: 2 }}>
      {chunkLongText(text).map((line, i) => (
        <Text key={i} style={{ fontSize: 7 }}>
          {line}
        </Text>
      ))}
    </View>
  );
}
