import "server-only";
import { createHash } from "node:crypto";
import type { UserPrincipal } from "@/lib/auth/principal";
import { roleHasPermission } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { notFound } from "@/lib/errors/app-error";
import { getTaskStore } from "@/lib/jobs/task-store";
import type { TaskRecord } from "@/lib/jobs/task-record";
import { assertCanSee, canSeeReport } from "@/lib/reports/report-access";
import { getReportStore } from "@/lib/reports/report-store";
import type { ReportRecord } from "@/lib/schemas/reports";

const reports = () => getReportStore(getEnv().REPORT_RETENTION_DAYS);

/** A report as the API shows it: the record, with its task's live status and progress. */
export type ReportView = ReportRecord & { task: Pick<TaskRecord, "status" | "progress" | "step" | "attempts" | "error"> | null };

async function withTask(record: ReportRecord): Promise<ReportView> {
  const task = await getTaskStore().get(record.taskId);
  const status = task && task.status !== "succeeded" ? task.status : record.status;
  return { ...record, status, task: task ? { status: task.status, progress: task.progress, step: task.step, attempts: task.attempts, error: task.error } : null };
}

/** Own reports, newest first (admins: everyone's). Records past their retention are skipped. */
export async function listReports(principal: UserPrincipal): Promise<ReportView[]> {
  const ids = await reports().listIds(roleHasPermission(principal.role, "reports:read-all") ? "all" : principal.userId);
  const records = (await Promise.all(ids.map((id) => reports().get(id)))).filter((r): r is ReportRecord => r !== null && canSeeReport(principal, r));
  records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
  return Promise.all(records.map(withTask));
}

export async function getReport(principal: UserPrincipal, id: string): Promise<ReportView> {
  return withTask(assertCanSee(principal, await reports().get(id), "report", id));
}

export async function getTask(principal: UserPrincipal, id: string): Promise<TaskRecord> {
  return assertCanSee(principal, await getTaskStore().get(id), "task", id);
}

/** The PDF of a finished report, with what the download needs. 404 until it exists. */
export async function getReportPdf(principal: UserPrincipal, id: string): Promise<{ record: ReportRecord; pdf: Uint8Array }> {
  const record = assertCanSee(principal, await reports().get(id), "report", id);
  const pdf = record.pdf ? await reports().getPdf(id) : null;
  if (!pdf) throw notFound(`No PDF yet for report ${id}.`);
  return { record, pdf };
}

export type VerifyAnswer =
  | { match: true; sha256: string; report: Pick<ReportRecord, "id" | "title" | "createdAt" | "dataDate" | "snapshot" | "pdf"> }
  | { match: false; sha256: string; message: string };

/** Which stored report (among those the caller may see) a PDF is: by the SHA-256 of its bytes. */
export async function verifyReportPdf(principal: UserPrincipal, pdf: Uint8Array): Promise<VerifyAnswer> {
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const candidates = await Promise.all((await reports().idsWithPdfHash(sha256)).map((id) => reports().get(id)));
  const seen = candidates.find((r): r is ReportRecord => r !== null && canSeeReport(principal, r) && r.pdf?.sha256 === sha256);
  if (!seen) return { match: false, sha256, message: "No report you can see has exactly this PDF: it was changed, or made elsewhere, or deleted." };
  const { id, title, createdAt, dataDate, snapshot, pdf: facts } = seen;
  return { match: true, sha256, report: { id, title, createdAt, dataDate, snapshot, pdf: facts } };
}
