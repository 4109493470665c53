import { createHash } from "node:crypto";
import path from "node:path";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { ReportDocument } from "@/lib/reports/pdf/report-document";
import { FONT_FAMILY } from "@/lib/reports/pdf/styles";
import type { ReportSnapshot } from "@/lib/reports/snapshot";

// Renders a CER snapshot to PDF bytes. Deterministic: the document date is the snapshot's data date, the
// fonts are local files (DejaVu, public/fonts), nothing is fetched. CPU-bound for seconds: run it on the
// analytics worker pool (task "renderReportPdf"), not on a request's event loop (stack.md P33).

export type RenderReportPdfInput = { snapshot: ReportSnapshot; snapshotSha256: string; fontDir?: string };
export type RenderReportPdfResult = { pdf: Uint8Array; pages: number; sha256: string };
export type RenderTimings = { fontsMs: number; firstPassMs: number; secondPassMs: number; passes: number };

let registeredDir: string | null = null;

/** Registers DejaVu Sans (regular, bold) from `fontDir` (default: <cwd>/public/fonts), once per directory. */
export function registerReportFonts(fontDir?: string): void {
  const dir = path.resolve(fontDir ?? path.join(process.cwd(), "public/fonts"));
  if (registeredDir === dir) return;
  if (registeredDir !== null) Font.clear();
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: path.join(dir, "DejaVuSans.ttf"), fontWeight: "normal" },
      { src: path.join(dir, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // Words are never split at syllables: a break would insert "-" into terms and report ids. Long URLs are
  // split by the document itself (chunkLongText).
  Font.registerHyphenationCallback((word) => [word]);
  registeredDir = dir;
}

/** Counts the page objects of a PDF (react-pdf writes `/Type /Page` once per page, `/Type /Pages` for the tree). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * Two layout passes for a table of contents with page numbers: the first records the page each section
 * heading lands on (through its render prop), the second prints them. The TOC has the same lines in both
 * passes, so it does not move what follows. A third pass runs only if the numbers still changed.
 */
export async function renderReportPdfTimed(input: RenderReportPdfInput & { twoPass?: boolean }): Promise<RenderReportPdfResult & { timings: RenderTimings }> {
  const t0 = performance.now();
  registerReportFonts(input.fontDir);
  const t1 = performance.now();
  const renderWith = async (sectionPages: Record<string, number> | null) => {
    const seen: Record<string, number> = {};
    const onSectionPage = (id: string, page: number) => {
      // The layout calls a pending dynamic node once per page while it is still unplaced (with that page's
      // number), and not after: the largest number is the page the heading landed on.
      if (seen[id] === undefined || page > seen[id]) seen[id] = page;
    };
    const buffer = await renderToBuffer(createElement(ReportDocument, { snapshot: input.snapshot, snapshotSha256: input.snapshotSha256, sectionPages, onSectionPage }) as Parameters<typeof renderToBuffer>[0]);
    return { buffer, seen };
  };
  let pass = await renderWith(null);
  const t2 = performance.now();
  let passes = 1;
  if (input.twoPass !== false) {
    for (let i = 0; i < 2; i++) {
      const pages = pass.seen;
      pass = await renderWith(pages);
      passes++;
      if (JSON.stringify(pass.seen) === JSON.stringify(pages)) break;
    }
  }
  const t3 = performance.now();
  const pdf = new Uint8Array(pass.buffer.buffer, pass.buffer.byteOffset, pass.buffer.byteLength);
  return {
    pdf,
    pages: countPdfPages(pdf),
    sha256: createHash("sha256").update(pdf).digest("hex"),
    timings: { fontsMs: t1 - t0, firstPassMs: t2 - t1, secondPassMs: t3 - t2, passes },
  };
}

/** The CER PDF of a snapshot: the same snapshot gives the same bytes (and SHA-256). */
export async function renderReportPdf(input: RenderReportPdfInput): Promise<RenderReportPdfResult> {
  const { pdf, pages, sha256 } = await renderReportPdfTimed(input);
  return { pdf, pages, sha256 };
}
