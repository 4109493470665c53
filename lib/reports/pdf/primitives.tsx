import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { styles } from "./styles";

export type Column = { title: string; flex?: number; width?: number; align?: "left" | "right" };

const cellStyle = (c: Column) => ({ ...(c.width ? { width: c.width } : { flex: c.flex ?? 1 }), textAlign: c.align ?? "left" });

/** A table whose header row repeats on every page it runs over. Cells are plain strings. */
export function Table({ columns, rows, keyPrefix }: { columns: Column[]; rows: string[][]; keyPrefix: string }) {
  return (
    <View style={styles.table}>
      <View style={styles.headRow} fixed>
        {columns.map((c) => (
          <Text key={c.title} style={[styles.headCell, cellStyle(c)]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={`${keyPrefix}-${i}`} style={styles.row} wrap={false}>
          {columns.map((c, j) => (
            <Text key={c.title} style={[styles.cell, cellStyle(c)]}>
              {r[j] ?? ""}
            </Text>
          ))}
        </View>
      ))}
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
