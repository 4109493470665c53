import { contextFromTraceparent } from "@/lib/observability/trace-context";
import { withSpan } from "@/lib/observability/with-span";

export type JobStepSpanFields = { jobId: string; stepId: string; taskId: string; attempt: number; traceparent: string | undefined };

/**
 * One job step's span, a child of the request that sent the job's event (its traceparent), so request
 * and job share one trace on either provider.
 */
export function withJobStepSpan<T>(fields: JobStepSpanFields, run: () => Promise<T>): Promise<T> {
  return withSpan(
    `job.step ${fields.stepId}`,
    { "job.id": fields.jobId, "job.step": fields.stepId, "job.task_id": fields.taskId, "job.attempt": fields.attempt },
    () => run(),
    { parent: contextFromTraceparent(fields.traceparent) },
  );
}
