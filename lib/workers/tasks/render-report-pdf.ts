import type { RenderReportPdfInput, RenderReportPdfResult } from "@/lib/reports/render-report-pdf";

// The CER PDF render on the analytics pool: seconds of CPU that must not block a request's event loop
// (stack.md P33). react-pdf is imported on the first render only, so the other tasks' workers never load it.
// The result is structured-cloned back to the caller: the Uint8Array arrives as a Uint8Array.
export async function renderReportPdfTask(input: RenderReportPdfInput): Promise<RenderReportPdfResult> {
  const { renderReportPdf } = await import("@/lib/reports/render-report-pdf");
  return renderReportPdf(input);
}
