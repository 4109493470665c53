import { logger } from "@/lib/observability/logger";
import { appMetrics, safely } from "@/lib/observability/metrics";
import { isValidRequestId, runWithRequestContext } from "@/lib/observability/request-context";

// What every job step tells the operator, whichever provider runs it: one log line (job, step,
// attempt, duration, outcome, and the report, slot or watchlist the run is about) and the step
// metrics. The request that started a run (its event's requestId) is the context of every line.

export type RunTelemetry = {
  job: string;
  taskId: string;
  /** Retries per step the definition allows: a failed try below it will be retried. */
  retries: number;
  /** The ids the run is about (reportId, slot, watchlistId) and the request that started it, from its data. */
  subject: Record<string, string>;
};

const SUBJECT_FIELDS = ["reportId", "watchlistId", "slot"] as const;

export function runTelemetry(job: { id: string; retries: number }, taskId: string, data: unknown): RunTelemetry {
  const subject: Record<string, string> = {};
  if (typeof data === "object" && data !== null) {
    for (const field of SUBJECT_FIELDS) {
      const value = (data as Record<string, unknown>)[field];
      if (typeof value === "string") subject[field] = value.slice(0, 128);
    }
  }
  // Explicit too, for the lines written outside the run's context (its end, a retry being scheduled).
  const requestId = requestIdOfRun(data);
  if (requestId !== undefined) subject.requestId = requestId;
  return { job: job.id, taskId, retries: job.retries, subject };
}

/** The request id a run's event carries (set by the request that started it), if well formed. */
export function requestIdOfRun(data: unknown): string | undefined {
  const value = typeof data === "object" && data !== null ? (data as { requestId?: unknown }).requestId : undefined;
  return isValidRequestId(value) ? value : undefined;
}

/** Runs `run` inside the context of the request that started the job, when its event names one. */
export function withRunContext<T>(data: unknown, run: () => T): T {
  const requestId = requestIdOfRun(data);
  return requestId === undefined ? run() : runWithRequestContext({ requestId }, run);
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/** One step's body, timed, logged and counted; its result or error passes through unchanged. */
export async function observeStep<T>(run: RunTelemetry, step: string, attempt: number, body: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const line = { job: run.job, step, attempt, taskId: run.taskId, ...run.subject };
  try {
    const result = await body();
    const seconds = (performance.now() - started) / 1000;
    safely(() => appMetrics().jobStepDuration.observe({ job_id: run.job, step, outcome: "ok" }, seconds));
    logger.info("jobs.step", { ...line, ms: Math.round(seconds * 1000), outcome: "ok" });
    return result;
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    const willRetry = attempt <= run.retries;
    safely(() => {
      const metrics = appMetrics();
      metrics.jobStepDuration.observe({ job_id: run.job, step, outcome: "error" }, seconds);
      metrics.jobStepFailures.inc({ job_id: run.job, step });
      if (willRetry) metrics.jobStepRetries.inc({ job_id: run.job, step });
    });
    logger.warn("jobs.step", { ...line, ms: Math.round(seconds * 1000), outcome: "error", willRetry, error: describe(error) });
    throw error;
  }
}

/** Time from the run's event to its first step starting. */
export function recordQueueWait(job: string, enqueuedAtMs: number, nowMs = Date.now()): void {
  safely(() => appMetrics().jobQueueWait.observe({ job_id: job }, Math.max(0, (nowMs - enqueuedAtMs) / 1000)));
}

export function recordRunFinished(run: RunTelemetry, outcome: "succeeded" | "failed" | "cancelled"): void {
  safely(() => appMetrics().jobRuns.inc({ job_id: run.job, outcome }));
  logger.info("jobs.run_finished", { job: run.job, taskId: run.taskId, ...run.subject, outcome });
}
