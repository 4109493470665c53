import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { stableStringify } from "@/lib/cache/keys";
import { enforceRateLimit } from "@/lib/cache/ratelimit/enforce";
import { getRateLimitPolicies } from "@/lib/cache/ratelimit/policies";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput } from "@/lib/errors/app-error";
import { generateReportJob } from "@/lib/jobs/definitions/generate-report";
import { currentRequestId } from "@/lib/observability/request-context";
import { traceparentField } from "@/lib/observability/trace-context";
import { getJobProvider } from "@/lib/jobs/get-job-provider";
import { getTaskStore } from "@/lib/jobs/task-store";
import { canSeeReport } from "@/lib/reports/report-access";
import { getReportStore } from "@/lib/reports/report-store";
import type { ReportRecord, ReportRequest } from "@/lib/schemas/reports";

export type RequestedReport = { reportId: string; taskId: string; created: boolean };

const today = (now: Date) => now.toISOString().slice(0, 10);

/** The product a request is about, as a key: reports of the same product and filters compare with each other. */
export function productKeyOf(request: Pick<ReportRequest, "product">): string {
  return stableStringify(request.product);
}

function defaultTitle(request: ReportRequest): string {
  const { drug, device, productCode } = request.product;
  const name = drug ?? device ?? `product code ${productCode}`;
  return `Clinical evaluation report: ${name}, ${request.from} to ${request.to}`;
}

/** The latest finished report of the same product among the owner's records. */
function findPrevious(records: ReportRecord[], request: ReportRequest): ReportRecord | null {
  const key = productKeyOf(request);
  const same = records.filter((r) => r.status === "succeeded" && productKeyOf(r.request as ReportRequest) === key);
  return same.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
}

/**
 * Records a report and starts its job; 202 material. The same request by the same user on the same day
 * is the same report (one job, by idempotency on the report id, even when sent twice at once); a failed or
 * cancelled one is started afresh under a new id. Rate limit per user (429), quota per user (429), and
 * `compareTo` must name a report the user can see (400).
 */
export async function requestReport(actor: ActorContext, request: ReportRequest, now: Date = new Date()): Promise<RequestedReport> {
  const env = getEnv();
  const owner = actor.principal.userId;
  const store = getReportStore(env.REPORT_RETENTION_DAYS);
  const digest = createHash("sha256").update(`${owner}\n${today(now)}\n${stableStringify(request)}`).digest("base64url").slice(0, 22);
  let reportId = `rep_${digest}`;
  const existing = await store.get(reportId);
  if (existing && existing.status !== "failed" && existing.status !== "cancelled") return { reportId, taskId: existing.taskId, created: false };
  if (existing) reportId = `rep_${digest}${randomBytes(4).toString("hex")}`;

  await enforceRateLimit(getRateLimitPolicies(env).reportCreate, `user:${owner}`);
  // The owner's records, read once: the quota counts them, and the comparison looks among them.
  const owned = (await Promise.all((await store.listIds(owner)).map((id) => store.get(id)))).filter((r): r is ReportRecord => r !== null);
  if (owned.length >= env.REPORT_QUOTA_PER_USER) {
    throw new AppError({
      code: "rate_limited",
      message: `You keep ${owned.length} reports, the most allowed (REPORT_QUOTA_PER_USER); delete one before requesting another.`,
      details: { quota: env.REPORT_QUOTA_PER_USER, reports: owned.length },
      retryAfterSeconds: 3600,
    });
  }
  let comparedWith: string | null = null;
  if (request.compareTo !== undefined) {
    const other = await store.get(request.compareTo);
    if (!other || !canSeeReport(actor.principal, other) || other.status !== "succeeded") {
      throw invalidInput(`compareTo: there is no finished report ${request.compareTo} that you can see.`, { parameter: "compareTo" });
    }
    comparedWith = other.id;
  } else {
    comparedWith = findPrevious(owned, request)?.id ?? null;
  }

  const taskId = `task_${reportId.slice(4)}`;
  const at = now.toISOString();
  const record: ReportRecord = {
    id: reportId,
    taskId,
    owner,
    status: "queued",
    request,
    title: request.title ?? defaultTitle(request),
    createdAt: at,
    updatedAt: at,
    dataDate: request.to < today(now) ? request.to : today(now),
    comparedWith,
    snapshot: null,
    pdf: null,
  };
  const { created, record: stored } = await store.create(record);
  if (!created) return { reportId, taskId: stored.taskId, created: false };
  await getTaskStore().create({ id: taskId, job: generateReportJob.id, owner, reportId });
  // The job's log lines carry the id of the request that asked for it (undefined outside a request), and
  // its spans join the request's trace.
  const requestId = currentRequestId();
  await getJobProvider().enqueue(generateReportJob, { reportId, taskId, owner, ...(requestId ? { requestId } : {}), ...traceparentField() });
  await recordAudit({
    action: "report.requested",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "report", id: reportId, label: record.title.slice(0, 200) },
    details: { from: request.from, to: request.to, comparedWith },
  });
  return { reportId, taskId, created: true };
}
