import "server-only";
import { raiseReportAlert } from "@/lib/alerts/raise-alerts";
import { recordAudit } from "@/lib/audit/record-audit";
import { getEnv } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/types";
import { collectReportData } from "@/lib/reports/collect-report-data";
import { getReportStore } from "@/lib/reports/report-store";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { hashSnapshot } from "@/lib/reports/snapshot-hash";
import { logger } from "@/lib/observability/logger";
import { reportRequestedEventSchema, reportRequestSchema, type ReportRequestedEvent } from "@/lib/schemas/reports";
import { runAnalytics } from "@/lib/workers/analytics-pool";

export const REPORT_REQUESTED_EVENT = "report/requested";
export const REPORT_CANCELLED_EVENT = "report/cancelled";

const reports = () => getReportStore(getEnv().REPORT_RETENTION_DAYS);

async function loadRecord(reportId: string) {
  const record = await reports().get(reportId);
  // The record expired or was deleted while queued: nothing to build, and retrying will not help.
  if (!record) throw new Error(`report ${reportId} no longer exists (deleted or past its retention)`);
  return record;
}

async function loadSnapshot(reportId: string): Promise<ReportSnapshot> {
  const json = await reports().getSnapshot(reportId);
  if (json === null) throw new Error(`report ${reportId}: its data snapshot is missing`);
  return JSON.parse(json) as ReportSnapshot;
}

/**
 * collect (pipeline answers as of the data date → one snapshot, stored, hashed) → render (react-pdf on
 * the worker pool; the bytes go to the store, the step returns their hash) → store (index the hash,
 * the record's PDF facts) → notify (audit "report.completed", and a "report_ready" alert for the owner:
 * raised once however often the step replays, by the alert's fingerprint "report:<id>:ready"). A run
 * that fails for good raises a "report_failed" alert (onFailure).
 * Every step can run again after a crash: collect rewrites the same snapshot, render the same bytes.
 * The provider, not this definition, marks the task succeeded or failed when the run ends.
 */
export const generateReportJob: JobDefinition<typeof reportRequestedEventSchema> = {
  id: "generate-report",
  trigger: { event: REPORT_REQUESTED_EVENT },
  event: reportRequestedEventSchema,
  retries: 3,
  backoff: { initialMs: 2_000, factor: 3, maxMs: 60_000 },
  idempotencyKey: (data) => data.reportId,
  concurrency: { key: (data) => data.owner, limit: 2 },
  // openFDA allows 240 requests a minute per key; one report makes about 30.
  throttle: { limit: 6, periodSeconds: 60 },
  cancelOn: { event: REPORT_CANCELLED_EVENT, match: "reportId" },
  taskId: (data) => data.taskId,
  async run({ data, step }) {
    const { reportId } = data;
    const collected = await step("collect", { progress: 10 }, async () => {
      const record = await loadRecord(reportId);
      // A report cancelled while its run was starting stays cancelled (the record is the analyst's view).
      await reports().update(reportId, (r) => (r.status === "cancelled" ? r : { ...r, status: "running", updatedAt: new Date().toISOString() }));
      const previous = record.comparedWith ? await reports().getSnapshot(record.comparedWith) : null;
      const snapshot = await collectReportData({
        reportId,
        request: reportRequestSchema.parse(record.request),
        owner: record.owner,
        createdAt: record.createdAt,
        dataDate: record.dataDate,
        previous: previous === null ? null : (JSON.parse(previous) as ReportSnapshot),
        lineListingCap: getEnv().REPORT_LINE_LISTING_CAP,
      });
      const hashed = hashSnapshot(snapshot);
      await reports().putSnapshot(reportId, hashed.json);
      await reports().update(reportId, (r) => ({ ...r, snapshot: { sha256: hashed.sha256, bytes: hashed.bytes } }));
      return { snapshotSha256: hashed.sha256 };
    });
    const rendered = await step("render", { progress: 40 }, async () => {
      const snapshot = await loadSnapshot(reportId);
      const { pdf, pages, sha256 } = await runAnalytics("renderReportPdf", { snapshot, snapshotSha256: collected.snapshotSha256 });
      await reports().putPdf(reportId, pdf);
      return { sha256, pages, bytes: pdf.byteLength };
    });
    await step("store", { progress: 85 }, async () => {
      await reports().indexPdfHash(reportId, rendered.sha256);
      await reports().update(reportId, (r) => (r.status === "cancelled" ? r : { ...r, pdf: rendered, status: "succeeded", updatedAt: new Date().toISOString() }));
      return true;
    });
    await step("notify", { progress: 95 }, async () => {
      const record = await loadRecord(reportId);
      await recordAudit({
        action: "report.completed",
        outcome: "success",
        actor: { userId: record.owner, via: "system" },
        source: {},
        target: { type: "report", id: reportId, label: record.title.slice(0, 200) },
        details: { pages: rendered.pages, pdfSha256: rendered.sha256, snapshotSha256: collected.snapshotSha256 },
      });
      const alert = await raiseReportAlert(record, "report_ready");
      return { alertId: alert.id };
    });
    return { reportId, pdfSha256: rendered.sha256 };
  },
  async onFailure(data: ReportRequestedEvent, reason: string) {
    const record = await reports().update(data.reportId, (r) => ({ ...r, status: "failed", error: reason, updatedAt: new Date().toISOString() }));
    await recordAudit({
      action: "report.failed",
      outcome: "failure",
      actor: { userId: data.owner, via: "system" },
      source: {},
      target: { type: "report", id: data.reportId, label: record?.title.slice(0, 200) },
      details: { reason: reason.slice(0, 500) },
    });
    // The failure is recorded either way; an alert that cannot be raised is logged, not rethrown.
    if (record) {
      try {
        await raiseReportAlert(record, "report_failed");
      } catch (error) {
        logger.error("report.failed_alert_not_raised", { reportId: data.reportId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  },
};
