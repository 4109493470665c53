import { StyleSheet } from "@react-pdf/renderer";

export const FONT_FAMILY = "DejaVu";
/** A4 height in PostScript points. */
export const A4_HEIGHT = 841.89;
/** A4 width less the page's horizontal padding (2 × 44): the width tables are laid out at. */
export const CONTENT_WIDTH = 595.28 - 2 * 44;

// No unitless lineHeight on the page: inherited by dynamic (render-prop) text, it collapses it to nothing.
export const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, fontSize: 9, paddingTop: 54, paddingBottom: 50, paddingHorizontal: 44 },
  header: { position: "absolute", top: 20, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: "#555", borderBottomWidth: 0.5, borderBottomColor: "#999", paddingBottom: 3 },
  // Placed from the top: a fixed absolute node with `bottom` grows on every page in this react-pdf
  // (its height compounds until pdfkit refuses the number, from about page 12).
  footer: { position: "absolute", top: A4_HEIGHT - 36, height: 16, left: 44, right: 44, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: "#555", borderTopWidth: 0.5, borderTopColor: "#999", paddingTop: 3 },
  h1: { fontSize: 14, fontWeight: "bold", marginTop: 14, marginBottom: 6 },
  h2: { fontSize: 10.5, fontWeight: "bold", marginTop: 8, marginBottom: 4 },
  p: { marginBottom: 4, lineHeight: 1.3 },
  small: { fontSize: 7.5, color: "#444" },
  mono: { fontSize: 7.5 },
  placeholder: { color: "#a00", fontWeight: "bold" },
  table: { borderTopWidth: 0.5, borderTopColor: "#888", marginBottom: 6 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#ccc" },
  headRow: { flexDirection: "row", borderBottomWidth: 0.75, borderBottomColor: "#666", backgroundColor: "#eee" },
  cell: { paddingVertical: 1.5, paddingHorizontal: 2, fontSize: 7.5 },
  headCell: { paddingVertical: 2, paddingHorizontal: 2, fontSize: 7.5, fontWeight: "bold" },
  kvRow: { flexDirection: "row", marginBottom: 2 },
  kvKey: { width: 150, paddingRight: 6, fontWeight: "bold" },
  kvValue: { flex: 1 },
  bullet: { flexDirection: "row", marginBottom: 2 },
  caveat: { marginBottom: 4, paddingLeft: 6, borderLeftWidth: 1.5, borderLeftColor: "#c90" },
});
