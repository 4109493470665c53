import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { renderReportPdf } from "@/lib/reports/render-report-pdf";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { getAnalyticsPool, runAnalytics } from "@/lib/workers/analytics-pool";

// The CER render on the real analytics worker pool (lib/workers/analytics.worker.ts through the tsx shim):
// the same bytes as in process, and the main event loop keeps answering while a worker renders.

const snapshot = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/reports/drug-snapshot.json"), "utf8")) as ReportSnapshot;
const snapshotSha256 = createHash("sha256").update(JSON.stringify(snapshot)).digest("hex");

afterAll(async () => {
  await getAnalyticsPool().close();
});

test("renderReportPdf in a worker gives the in-process bytes, without stalling the event loop", async () => {
  const inProcess = await renderReportPdf({ snapshot, snapshotSha256 });
  // Warm the worker (spawn + tsx compile) so the measured render is the render alone.
  await runAnalytics("renderReportPdf", { snapshot, snapshotSha256 });

  let last = performance.now();
  let maxGap = 0;
  const ticks: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    ticks.push(now);
    last = now;
  }, 10);
  const started = performance.now();
  const inWorker = await runAnalytics("renderReportPdf", { snapshot, snapshotSha256 });
  const renderMs = performance.now() - started;
  clearInterval(timer);

  expect(inWorker.pdf).toBeInstanceOf(Uint8Array);
  expect(inWorker.sha256).toBe(inProcess.sha256);
  expect(createHash("sha256").update(inWorker.pdf).digest("hex")).toBe(inProcess.sha256);
  expect(inWorker.pages).toBe(inProcess.pages);
  expect(renderMs).toBeGreaterThan(500); // a real render happened while the interval ran
  expect(ticks.length).toBeGreaterThan(renderMs / 10 / 4);
  expect(maxGap).toBeLessThan(200);
}, 120_000);
