import { createHash } from "node:crypto";
import path from "node:path";
import { Font, pdf } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import { ReportDocument, type PageBook } from "@/lib/reports/pdf/report-document";
import { FONT_FAMILY } from "@/lib/reports/pdf/styles";
import { loadReportFontMetrics } from "@/lib/reports/pdf/text-metrics";
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
  // Only the default folder is traced into the standalone build: a caller's fontDir (tests, benches) is
  // left alone, which keeps Turbopack from tracing the whole project into .next/standalone.
  const dir = fontDir !== undefined ? path.resolve(/* turbopackIgnore: true */ fontDir) : path.join(process.cwd(), "public/fonts");
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
  loadReportFontMetrics(dir);
  registeredDir = dir;
}

/**
 * renderToBuffer, minus its leak: react-pdf's `pdf()` mounts every document in a new React root (one
 * shared reconciler) and never unmounts it, and React keeps each root on its list of scheduled roots, so
 * every render's fibers, elements and their props (the whole snapshot's tables) stayed reachable:
 * ~26 MB of heap per CER render (measured with heap snapshots, issue #11). Unmounting the root once the
 * bytes are out (`updateContainer(null)`: React unmounts the tree and lets go of the root) and dropping the
 * container's document node releases all of it.
 */
export async function renderPdfBuffer(element: ReactElement): Promise<Buffer> {
  const instance = pdf(element as Parameters<typeof pdf>[0]);
  try {
    const stream = await instance.toBuffer();
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    instance.updateContainer(null as unknown as ReactElement);
    (instance.container as { document: unknown }).document = null;
  }
}

/** Counts the page objects of a PDF (react-pdf writes `/Type /Page` once per page, `/Type /Pages` for the tree). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * The table of contents' page numbers in one layout pass where possible: each section starts its own
 * <Page>, its heading records the page it lands on (render prop, while paginating), and the TOC's numbers
 * are render props that react-pdf calls again once every page is placed (see Toc in report-document). The
 * numbers the TOC printed are checked against the pages recorded; only if they differ (or `twoPass` is
 * forced) does a further pass run with the recorded numbers as static text, until they agree.
 * `twoPass: false` is one pass, unchecked (the bench's baseline).
 */
export async function renderReportPdfTimed(input: RenderReportPdfInput & { twoPass?: boolean }): Promise<RenderReportPdfResult & { timings: RenderTimings }> {
  const t0 = performance.now();
  registerReportFonts(input.fontDir);
  const t1 = performance.now();
  const renderWith = async (sectionPages: Record<string, number> | null) => {
    const book: PageBook = { seen: {}, printed: {} };
    const onSectionPage = (id: string, page: number) => {
      // The layout calls a pending dynamic node once per page while it is still unplaced (with that page's
      // number), and not after: the largest number is the page the heading landed on.
      if (book.seen[id] === undefined || page > book.seen[id]) book.seen[id] = page;
    };
    const buffer = await renderPdfBuffer(createElement(ReportDocument, { snapshot: input.snapshot, snapshotSha256: input.snapshotSha256, sectionPages, onSectionPage, pageBook: book }));
    const printed = sectionPages ? Object.fromEntries(Object.entries(sectionPages).map(([id, n]) => [id, String(n)])) : book.printed;
    const agrees = Object.keys(book.seen).length === Object.keys(printed).length && Object.entries(book.seen).every(([id, n]) => printed[id] === String(n));
    return { buffer, seen: book.seen, agrees };
  };
  let pass = await renderWith(null);
  const t2 = performance.now();
  let passes = 1;
  if (input.twoPass !== false) {
    for (let i = 0; i < 3 && !pass.agrees; i++) {
      pass = await renderWith(pass.seen);
      passes++;
    }
    if (!pass.agrees) throw new Error("table of contents: section page numbers did not settle");
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
