import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEVICE_CAVEATS, DRUG_CAVEATS } from "@/lib/reports/fda-caveats";
import { fmtCount, fmtFixed } from "@/lib/reports/pdf/format";
import { renderReportPdf, type RenderReportPdfResult } from "@/lib/reports/render-report-pdf";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { LARGE_DRUG_OPTIONS, buildSnapshot } from "@/tests/fixtures/reports/build-snapshots";

// The CER PDF read back with poppler: sections in order, FDA's caveats verbatim, the snapshot's own numbers,
// DejaVu embedded, and the same bytes for the same snapshot. Fixtures: tests/fixtures/reports (generated).

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/reports");
const load = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}-snapshot.json`), "utf8")) as ReportSnapshot;

const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v !== null && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`
  : JSON.stringify(v);
const sha256 = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

const dir = mkdtempSync(path.join(tmpdir(), "cer-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Rendered = { snapshot: ReportSnapshot; hash: string; result: RenderReportPdfResult; file: string; text: string; flat: string };
const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

async function renderFixture(name: string, snapshot = load(name)): Promise<Rendered> {
  const hash = sha256(canonical(snapshot));
  const result = await renderReportPdf({ snapshot, snapshotSha256: hash });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, result.pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { snapshot, hash, result, file, text, flat: normalise(text) };
}

const HEADINGS_DRUG = [
  "1 Summary",
  "2 Scope and product identification",
  "3 Data sources and search protocol",
  "4 Pre-processing",
  "5 Descriptive tables",
  "6 Time trend, forecast and spike detection (MDR Art. 88)",
  "7 Disproportionality analysis",
  "8 Line listing of fatal and serious cases",
  "9 What changed since the last report",
  "10 Interpretation limits and FDA caveats",
  "11 Conclusions, evaluator and signatures",
  "12 References",
  "Appendix A. Provenance of the data",
];

/** Line indexes of the section headings in the body (after the table of contents). */
function headingPositions(text: string, headings: string[]): number[] {
  const lines = text.split("\n").map((l) => l.trim());
  const tocEnd = lines.findIndex((l) => l.startsWith(headings.at(-1)!)) + 1;
  return headings.map((h) => lines.findIndex((l, i) => i >= tocEnd && l === h));
}

let drug: Rendered;
let device: Rendered;
beforeAll(async () => {
  drug = await renderFixture("drug");
  device = await renderFixture("device");
}, 120_000);

describe("the drug CER", () => {
  test("has every section heading, in order, after a TOC whose page numbers are right", () => {
    const pos = headingPositions(drug.text, HEADINGS_DRUG);
    expect(pos.every((p) => p > 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    const pages = drug.text.split("\f");
    for (const h of HEADINGS_DRUG) {
      const tocLine = pages[1]!.split("\n").find((l) => l.trim().startsWith(h))!;
      const printed = Number(tocLine.trim().split(/\s+/).at(-1));
      const actual = pages.findIndex((p, i) => i > 1 && p.split("\n").some((l) => l.trim() === h)) + 1;
      expect(printed, h).toBe(actual);
    }
  });

  test("prints FDA's FAERS caveats and the openFDA disclaimer verbatim", () => {
    for (const c of DRUG_CAVEATS) expect(drug.flat).toContain(normalise(c.text));
    expect(drug.flat).toContain("Source: open.fda.gov, drug adverse event API page");
  });

  test("prints the snapshot hash in full in the appendix, and its prefix in the footer", () => {
    const appendix = drug.text.slice(drug.text.lastIndexOf("Appendix A. Provenance of the data"));
    expect(appendix).toContain(drug.hash);
    expect(drug.text).toContain(`Snapshot ${drug.hash.slice(0, 12)}`);
  });

  test("prints the exact queries (split over lines without any character added)", () => {
    const squeezed = drug.text.replace(/\s+/g, "");
    for (const q of drug.snapshot.trend.provenance.queries) expect(squeezed).toContain(q.replace(/\s+/g, ""));
    for (const q of drug.snapshot.signals!.provenance.queries) expect(squeezed).toContain(q.replace(/\s+/g, ""));
  });

  test("prints the snapshot's numbers as the API gave them", () => {
    const s = drug.snapshot;
    expect(drug.flat).toMatch(new RegExp(`Total ${fmtCount(s.trend.total)}`));
    expect(fmtCount(s.trend.total)).toMatch(/^\d{1,3}(,\d{3})+$/);
    const hosp = s.summary.breakdowns.find((b) => b.id === "seriousness")!.items.find((i) => i.key === "hospitalization")!;
    expect(drug.flat).toContain(`Hospitalization ${fmtCount(hosp.count)}`);
    const first = s.signals!.signals[0]!;
    // The CI wraps onto the next line of its cell: value and interval are checked on their own.
    expect(drug.flat).toContain(`${first.event} ${fmtCount(first.table!.a)} ${fmtFixed(first.prr!.value)}`);
    expect(drug.flat).toContain(`(${fmtFixed(first.prr!.lower95)}–${fmtFixed(first.prr!.upper95)})`);
    expect(fmtFixed(first.prr!.value)).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  });

  test("says how many cases the line listing shows", () => {
    const ll = drug.snapshot.lineListing;
    expect(drug.flat).toContain(`Showing ${fmtCount(ll.cases.length)} of ${fmtCount(ll.total)} (cap ${fmtCount(ll.cap)})`);
  });

  test("keeps Unicode (≥, α, É) and embeds DejaVu", () => {
    expect(drug.text).toContain("PRR ≥ 2");
    expect(drug.text).toContain("MÉTFORMINE α-test");
    const fonts = execFileSync("pdffonts", [drug.file], { encoding: "utf8" });
    const rows = fonts.split("\n").filter((l) => /DejaVu/.test(l));
    expect(rows.some((l) => /DejaVuSans\b/.test(l) && !/Bold/.test(l))).toBe(true);
    expect(rows.some((l) => /DejaVuSans-Bold/.test(l))).toBe(true);
    for (const row of rows) expect(row).toMatch(/yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/); // embedded, subset
    expect(fonts).not.toMatch(/Helvetica/);
  });

  test("has more than one page, the count pdfinfo reads, and the data date as document date", () => {
    const info = execFileSync("pdfinfo", [drug.file], { encoding: "utf8" });
    expect(drug.result.pages).toBeGreaterThan(1);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(drug.result.pages);
    expect(info).toMatch(/CreationDate:.*2026/);
    expect(drug.result.sha256).toBe(sha256(drug.result.pdf));
  });

  test("the same snapshot gives the same bytes; a changed number gives different ones", async () => {
    const again = await renderReportPdf({ snapshot: load("drug"), snapshotSha256: drug.hash });
    expect(again.sha256).toBe(drug.result.sha256);
    const changed = load("drug");
    changed.trend.series[0]!.count += 1;
    changed.trend.total += 1;
    const other = await renderReportPdf({ snapshot: changed, snapshotSha256: drug.hash });
    expect(other.sha256).not.toBe(drug.result.sha256);
  }, 120_000);
});

describe("the device CER", () => {
  test("has its sections in order, and says disproportionality does not apply", () => {
    const pos = headingPositions(device.text, HEADINGS_DRUG);
    expect(pos.every((p) => p > 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    expect(device.flat).toContain("not applicable for devices");
  });

  test("prints FDA's MAUDE caveats verbatim", () => {
    for (const c of DEVICE_CAVEATS) expect(device.flat).toContain(normalise(c.text));
  });

  test("prints narratives where the report has one, flags FOIA redactions, and says when it has none", () => {
    expect(device.flat).toContain("Narrative: It was reported that the patient (b)(6) underwent revision surgery");
    expect(device.flat).toContain("FOIA-redacted: (b)(4), (b)(6)");
    expect(device.flat).toContain("Narrative: not in this data snapshot.");
    const ll = device.snapshot.lineListing;
    expect(device.flat).toContain(`Showing ${fmtCount(ll.cases.length)} of ${fmtCount(ll.total)} (cap ${fmtCount(ll.cap)})`);
  });

  test("marks what the evaluator must complete", () => {
    for (const what of ["intended purpose", "conclusions on safety", "evaluator name", "qualifications", "date of signature", "date of the next clinical evaluation"]) {
      expect(device.flat).toContain(`[to be completed by the evaluator] (${what}`);
    }
    expect(device.flat).toContain("No earlier report of this product");
    expect(device.flat).toContain("Éclipse α knee");
  });
});

describe("the large CER (LARGE_DRUG_OPTIONS: 120 periods, 600-row line listing, 100 signals)", () => {
  let large: Rendered;
  beforeAll(async () => {
    large = await renderFixture("large", buildSnapshot(LARGE_DRUG_OPTIONS));
  }, 120_000);

  test("prints a TOC whose page numbers are the pages the headings are on", () => {
    const pages = large.text.split("\f");
    for (const h of HEADINGS_DRUG) {
      const tocLine = pages[1]!.split("\n").find((l) => l.trim().startsWith(h))!;
      const printed = Number(tocLine.trim().split(/\s+/).at(-1));
      const actual = pages.findIndex((p, i) => i > 1 && p.split("\n").some((l) => l.trim() === h)) + 1;
      expect(printed, h).toBe(actual);
    }
  });

  // Table rows are laid out by the document (fixed-height cells): a cell that lost a line would lose text.
  test("prints every row of the long tables in full", () => {
    const s = large.snapshot;
    for (const p of s.trend.series) expect(large.flat).toContain(`${p.period} ${p.start} ${p.end} ${fmtCount(p.count)}`);
    const squeezed = large.text.replace(/\s+/g, "");
    for (const c of s.lineListing.cases) {
      expect(large.flat).toContain(c.reportId);
      if ("drugs" in c) for (const r of c.reactions) expect(squeezed).toContain(`${r.pt} (${r.outcome})`.replace(/\s+/g, ""));
    }
    for (const r of s.signals!.signals) expect(large.flat).toContain(`${r.event} ${fmtCount(r.table!.a)}`);
  });
});
