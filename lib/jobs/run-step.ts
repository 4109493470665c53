import { observeStep, type RunTelemetry } from "@/lib/jobs/step-telemetry";
import type { TaskStore } from "@/lib/jobs/task-store";
import type { JobContext, StepResult } from "@/lib/jobs/types";
import { withJobStepSpan } from "@/lib/observability/job-step-span";

/** Where a provider keeps finished steps' results (local: the run record; Inngest: its own step memo). */
export type StepMemo = {
  /** `{ found: false }` for a step that has not finished yet. */
  get(stepId: string): Promise<{ found: true; result: StepResult } | { found: false }>;
  /** Must be durable before it resolves: the next step may run only after this one is recorded. */
  put(stepId: string, result: StepResult): Promise<void>;
};

/** What the task shows while a step runs; both providers call this before a step's body. */
export async function markStepRunning(tasks: TaskStore, taskId: string, stepId: string, progress: number, attempts: number): Promise<void> {
  await tasks.update(taskId, { status: "running", step: stepId, progress, attempts });
}

export type StepRunnerOptions = {
  tasks: TaskStore;
  taskId: string;
  memo: StepMemo;
  /** Tries of the step about to run (1 for the first). */
  attempt: () => number;
  /** Runs before an unfinished step starts (local: the cancel and lease checks); throw to stop the run. */
  beforeStep?: (stepId: string) => Promise<void>;
  /** Told which step is running, so a failure can name it. */
  onStepStart?: (stepId: string) => void;
  /** Which run this is, for the step's log line and metrics. */
  telemetry?: RunTelemetry;
  /** Each step runs in a span; `traceparent` (from the job's event) makes it part of the requesting trace. */
  trace?: { jobId: string; traceparent: string | undefined };
};

/** A JobContext's `step`: finished steps replay from the memo; an unfinished one marks the task, runs, and is recorded. */
export function createStepRunner(options: StepRunnerOptions): JobContext<unknown>["step"] {
  return async <T extends StepResult>(stepId: string, stepOptions: { progress: number }, run: () => Promise<T>): Promise<T> => {
    const memoized = await options.memo.get(stepId);
    if (memoized.found) return memoized.result as T;
    await options.beforeStep?.(stepId);
    options.onStepStart?.(stepId);
    await markStepRunning(options.tasks, options.taskId, stepId, stepOptions.progress, options.attempt());
    const telemetry = options.telemetry;
    const body = telemetry ? () => observeStep(telemetry, stepId, options.attempt(), run) : run;
    const result = options.trace
      ? await withJobStepSpan({ ...options.trace, stepId, taskId: options.taskId, attempt: options.attempt() }, body)
      : await body();
    await options.memo.put(stepId, result);
    return result;
  };
}
