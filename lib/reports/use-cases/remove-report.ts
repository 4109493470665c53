import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { getEnv } from "@/lib/env";
import { generateReportJob } from "@/lib/jobs/definitions/generate-report";
import { getJobProvider } from "@/lib/jobs/get-job-provider";
import { getTaskStore } from "@/lib/jobs/task-store";
import { assertCanSee } from "@/lib/reports/report-access";
import { getReportStore } from "@/lib/reports/report-store";

/**
 * DELETE /api/reports/{id}: a queued or running report is cancelled (its job stops before its next
 * step; the record stays, marked cancelled); a finished one is deleted with its PDF and snapshot.
 */
export async function cancelOrDeleteReport(actor: ActorContext, reportId: string): Promise<{ id: string; outcome: "cancelled" | "deleted" }> {
  const store = getReportStore(getEnv().REPORT_RETENTION_DAYS);
  const record = assertCanSee(actor.principal, await store.get(reportId), "report", reportId);
  const task = await getTaskStore().get(record.taskId);
  const status = task?.status ?? record.status;
  const target = { type: "report" as const, id: record.id, label: record.title.slice(0, 200) };
  if (status === "queued" || status === "running") {
    await getJobProvider().cancel(generateReportJob, { reportId: record.id, taskId: record.taskId, owner: record.owner });
    await getTaskStore().update(record.taskId, { status: "cancelled" });
    await store.update(record.id, (r) => ({ ...r, status: "cancelled", updatedAt: new Date().toISOString() }));
    await recordAudit({ action: "report.cancelled", outcome: "success", ...auditBy(actor), target });
    return { id: record.id, outcome: "cancelled" };
  }
  await store.remove(record);
  await recordAudit({ action: "report.deleted", outcome: "success", ...auditBy(actor), target });
  return { id: record.id, outcome: "deleted" };
}
