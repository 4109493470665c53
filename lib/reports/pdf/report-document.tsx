import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { P } from "./primitives";
import { SectionHeading, type PageRecorder } from "./section-heading";
import { CasesSection, ChangesSection, DisproportionalitySection, TrendSection } from "./sections-analysis";
import { ConclusionsSection, LimitationsSection, ProvenanceSection, ReferencesSection } from "./sections-back";
import { DescriptiveSection, PreprocessingSection, ScopeSection, SourcesSection, SummarySection } from "./sections-front";
import { FONT_FAMILY, styles } from "./styles";

/** Section ids (REPORT_SECTIONS) with their titles, in the order a CER prints them (MEDDEV 2.7/1 rev 4 A9, MDR Annex XIV). */
export const SECTION_TITLES: ReadonlyArray<readonly [string, string]> = [
  ["summary", "Summary"],
  ["scope", "Scope and product identification"],
  ["sources", "Data sources and search protocol"],
  ["preprocessing", "Pre-processing"],
  ["descriptive", "Descriptive tables"],
  ["trend", "Time trend, forecast and spike detection (MDR Art. 88)"],
  ["disproportionality", "Disproportionality analysis"],
  ["cases", "Line listing of fatal and serious cases"],
  ["changes", "What changed since the last report"],
  ["limitations", "Interpretation limits and FDA caveats"],
  ["conclusions", "Conclusions, evaluator and signatures"],
  ["references", "References"],
  ["provenance", "Provenance of the data"],
];

export type TocEntry = { id: string; label: string };

/** The sections this report prints, numbered in order; provenance is the appendix. */
export function tocEntries(s: ReportSnapshot): TocEntry[] {
  const wanted = new Set(s.report.sections.length ? s.report.sections : SECTION_TITLES.map(([id]) => id));
  let n = 0;
  return SECTION_TITLES.filter(([id]) => wanted.has(id)).map(([id, title]) => ({ id, label: id === "provenance" ? `Appendix A. ${title}` : `${++n} ${title}` }));
}

export type ReportDocumentProps = {
  snapshot: ReportSnapshot;
  snapshotSha256: string;
  /** Page of each section from an earlier layout pass; null prints the TOC without numbers (first pass). */
  sectionPages?: Readonly<Record<string, number>> | null;
  /** Called by the layout with the page each section heading lands on (collects `sectionPages`). */
  onSectionPage?: PageRecorder;
  /**
   * Pages seen so far in this layout pass (`seen`, filled through `onSectionPage` by the caller) and what the
   * TOC printed (`printed`): lets a single pass print the TOC numbers (see Toc); the caller checks them.
   */
  pageBook?: PageBook;
};

export type PageBook = { seen: Record<string, number>; printed: Record<string, string> };

function body(id: string, s: ReportSnapshot, hash: string): ReactNode {
  switch (id) {
    case "summary": return <SummarySection s={s} />;
    case "scope": return <ScopeSection s={s} />;
    case "sources": return <SourcesSection s={s} />;
    case "preprocessing": return <PreprocessingSection s={s} />;
    case "descriptive": return <DescriptiveSection s={s} />;
    case "trend": return <TrendSection s={s} />;
    case "disproportionality": return <DisproportionalitySection s={s} />;
    case "cases": return <CasesSection s={s} />;
    case "changes": return <ChangesSection s={s} />;
    case "limitations": return <LimitationsSection s={s} />;
    case "conclusions": return <ConclusionsSection s={s} />;
    case "references": return <ReferencesSection />;
    case "provenance": return <ProvenanceSection s={s} hash={hash} />;
    default: return null;
  }
}

/** The PDF's fixed document date: the data date at 00:00:00Z, so the same snapshot renders the same bytes. */
export function documentDate(s: ReportSnapshot): Date {
  const d = new Date(`${s.report.dataDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`report.dataDate is not a date: ${s.report.dataDate}`);
  return d;
}

function Header({ s }: { s: ReportSnapshot }) {
  return (
    <View style={styles.header} fixed>
      <Text>{s.report.title}</Text>
      <Text>{s.report.product.name}</Text>
    </View>
  );
}

function Footer({ hash }: { hash: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text>Snapshot {hash.slice(0, 12)}</Text>
      <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}

function Cover({ s, hash }: { s: ReportSnapshot; hash: string }) {
  const r = s.report;
  return (
    <Page size="A4" style={styles.page}>
      <Footer hash={hash} />
      <View style={{ marginTop: 120 }}>
        <Text style={{ fontSize: 9, color: "#555", marginBottom: 8 }}>Clinical evaluation report: post-market safety data section</Text>
        <Text style={{ fontSize: 18, fontWeight: "bold", marginBottom: 16 }}>{r.title}</Text>
        <Text style={{ fontSize: 13, marginBottom: 4 }}>{r.product.name}</Text>
        <Text style={{ fontSize: 10, marginBottom: 2 }}>Reporting period: {r.from} to {r.to}</Text>
        <Text style={{ fontSize: 10, marginBottom: 2 }}>Data date: {r.dataDate}</Text>
        <Text style={{ fontSize: 10, marginBottom: 24 }}>Report {r.id}</Text>
        <Text style={{ fontSize: 9, marginBottom: 2 }}>Generated by CER Analytics from FDA data via openFDA.</Text>
        <Text style={{ fontSize: 8, color: "#444" }}>Snapshot SHA-256: {hash}</Text>
        <Text style={{ fontSize: 8, color: "#444", marginTop: 24 }}>Structure after MEDDEV 2.7/1 rev 4 Appendix A9 and Regulation (EU) 2017/745 Annex XIV.</Text>
      </View>
    </Page>
  );
}

/**
 * The table of contents. With `pages` (an earlier pass), the numbers are static text. Without, each number
 * is a render prop that reads `book`: react-pdf renders it once while paginating (nothing recorded yet:
 * "…") and again in the round it runs for totalPages (the footer's "Page n of N"), by which time the section
 * headings have recorded their pages, so one layout pass prints the right numbers. The number sits in a
 * fixed-width, one-line box, so "…" and "12" take the same room and nothing moves.
 */
function Toc({ entries, pages, book }: { entries: TocEntry[]; pages: Readonly<Record<string, number>> | null | undefined; book: PageBook | undefined }) {
  return (
    <View>
      <Text style={styles.h1}>Contents</Text>
      {entries.map((e) => (
        <View key={e.id} style={{ flexDirection: "row", marginBottom: 3 }}>
          <Text style={{ flex: 1 }}>{e.label}</Text>
          {pages?.[e.id] !== undefined || !book ? (
            <Text style={{ width: 40, textAlign: "right" }}>{pages?.[e.id] !== undefined ? String(pages[e.id]) : "…"}</Text>
          ) : (
            <Text
              style={{ width: 40, textAlign: "right", fontSize: 9 }}
              render={() => {
                const n = book.seen[e.id];
                const text = n === undefined ? "…" : String(n);
                book.printed[e.id] = text;
                return text;
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * The CER as a React-PDF tree: pure (data in, tree out; no I/O, no clock). Fonts must be registered
 * (family "DejaVu") before rendering: see lib/reports/render-report-pdf.ts.
 */
export function ReportDocument({ snapshot: s, snapshotSha256: hash, sectionPages, onSectionPage, pageBook }: ReportDocumentProps) {
  const entries = tocEntries(s);
  return (
    <Document creationDate={documentDate(s)} modificationDate={documentDate(s)} title={s.report.title} author="CER Analytics" creator="CER Analytics" producer="CER Analytics" subject={`${s.report.product.name}, ${s.report.from} to ${s.report.to}`} language="en">
      <Cover s={s} hash={hash} />
      <Page size="A4" style={styles.page} wrap>
        <Header s={s} />
        <Footer hash={hash} />
        <Toc entries={entries} pages={sectionPages} book={pageBook} />
        {entries.length === 0 ? <P>No sections were requested.</P> : null}
      </Page>
      {/* One <Page> per section, paginated by react-pdf's new engine (experimentalPagination: content is
          measured once and packed into pages; the legacy engine re-lays out all that remains of a <Page> at
          each break). Header and footer come first: a trailing absolute node would spill onto a page of its own. */}
      {entries.map((e) => (
        <Page key={e.id} size="A4" style={styles.page} wrap experimentalPagination>
          <Header s={s} />
          <Footer hash={hash} />
          <SectionHeading id={e.id} label={e.label} {...(onSectionPage ? { onPage: onSectionPage } : {})} />
          {body(e.id, s, hash)}
        </Page>
      ))}
    </Document>
  );
}

export { FONT_FAMILY };
