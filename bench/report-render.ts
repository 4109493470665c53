// CER render time (issue #11): median of 5 renders of the ~30-page CER with charts (LARGE_DRUG_OPTIONS,
// generated snapshot), next to baselines measured in the same run: the same document in one layout pass
// (what the table of contents' second pass costs), and a plain react-pdf document of the same page count
// (react-pdf's own floor here). Prints where the time goes (fonts, first pass, later passes) and the peak
// RSS of this process, which renders as the pool worker does (one render at a time), and the heap growth per
// render of the full CER after a full GC (a long-lived worker must stay flat: see renderPdfBuffer).
// Target: median ≤ 3 s.   Run: npx tsx bench/report-render.ts   (or npm run bench -- report-render)
import { cpus, loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { countPdfPages, registerReportFonts, renderReportPdfTimed } from "@/lib/reports/render-report-pdf";
import { FONT_FAMILY } from "@/lib/reports/pdf/styles";
import { hashSnapshot } from "@/lib/reports/snapshot-hash";
import { LARGE_DRUG_OPTIONS, buildSnapshot } from "@/tests/fixtures/reports/build-snapshots";

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rssMb = () => process.resourceUsage().maxRSS / 1024;
// A full GC without --expose-gc on the command line (tsx): expose it, then take it from a fresh context.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMbAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const snapshot = buildSnapshot(LARGE_DRUG_OPTIONS);
const { sha256: snapshotSha256 } = hashSnapshot(snapshot);
registerReportFonts();
const rssBefore = rssMb();

/** Median time of RUNS renders after a warm-up; a full GC after each, outside the timing (heap in use recorded). */
async function timeRuns(render: () => Promise<unknown>, heapMb: number[] = []) {
  await render(); // warm-up: module loading, font parsing, JIT
  heapMb.push(heapMbAfterGc());
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await render();
    times.push(performance.now() - started);
    heapMb.push(heapMbAfterGc());
  }
  return median(times);
}

let pages = 0;
const phases = { fontsMs: [] as number[], firstPassMs: [] as number[], secondPassMs: [] as number[], passes: 0 };
const fullHeapMb: number[] = [];
const fullMs = await timeRuns(async () => {
  const result = await renderReportPdfTimed({ snapshot, snapshotSha256 });
  pages = result.pages;
  phases.fontsMs.push(result.timings.fontsMs);
  phases.firstPassMs.push(result.timings.firstPassMs);
  phases.secondPassMs.push(result.timings.secondPassMs);
  phases.passes = result.timings.passes;
}, fullHeapMb);
const rssAfterFull = rssMb();
const onePassMs = await timeRuns(() => renderReportPdfTimed({ snapshot, snapshotSha256, twoPass: false }));

/** A plain document: `pages` pages of 45 short lines of text each, same font, no tables or charts. */
function plainDocument(pageCount: number) {
  const line = "Plain baseline text line with a few words, numbers 12345 and ≥ signs.";
  return createElement(
    Document,
    null,
    Array.from({ length: pageCount }, (_, p) =>
      createElement(
        Page,
        { key: p, size: "A4", style: { fontFamily: FONT_FAMILY, fontSize: 9, padding: 40 } },
        createElement(View, null, Array.from({ length: 45 }, (_, l) => createElement(Text, { key: l }, `${p + 1}.${l + 1} ${line}`))),
      ),
    ),
  );
}
let plainPages = 0;
const plainMs = await timeRuns(async () => {
  const buffer = await renderToBuffer(plainDocument(pages) as Parameters<typeof renderToBuffer>[0]);
  plainPages = countPdfPages(new Uint8Array(buffer));
});

const row = (label: string, ms: number, baselineLabel: string, baselineMs: number) =>
  console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ${baselineLabel.padEnd(36)} ${baselineMs.toFixed(0).padStart(6)} ms   ratio ${(ms / baselineMs).toFixed(2)}`);

console.log(`CER render, median of ${RUNS}; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}; ${pages} pages (plain baseline ${plainPages})`);
row(`full CER (${phases.passes} passes, TOC page numbers)`, fullMs, "same CER, one layout pass", onePassMs);
row("full CER", fullMs, `plain react-pdf doc, ${plainPages} pages`, plainMs);
console.log(`  per page: ${(fullMs / pages).toFixed(0)} ms (plain ${(plainMs / plainPages).toFixed(0)} ms); target median ≤ 3000 ms: ${fullMs <= 3000 ? "met" : "missed"}`);
console.log(`  where the time goes (medians): fonts ${median(phases.fontsMs).toFixed(0)} ms, first pass ${median(phases.firstPassMs).toFixed(0)} ms, later passes ${median(phases.secondPassMs).toFixed(0)} ms`);
console.log(`  peak RSS of the rendering process: ${rssAfterFull.toFixed(0)} MB after the full CER runs, ${rssMb().toFixed(0)} MB at the end (${rssBefore.toFixed(0)} MB after loading, before the first render)`);
const growth = (fullHeapMb.at(-1)! - fullHeapMb[0]!) / RUNS;
console.log(`  heap growth per render (after GC): ${growth.toFixed(1)} MB (heap after each full CER render: ${fullHeapMb.map((h) => h.toFixed(0)).join(", ")} MB)`);
