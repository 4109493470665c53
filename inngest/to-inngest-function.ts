import { NonRetriableError, type Inngest, type InngestFunction } from "inngest";
import { latestDueSlot, type CronRunData } from "@/lib/jobs/cron";
import type { TaskStatus } from "@/lib/jobs/task-record";
import { observeStep, recordQueueWait, recordRunFinished, runTelemetry, withRunContext } from "@/lib/jobs/step-telemetry";
import type { JobDefinition, StepResult } from "@/lib/jobs/types";
import { withJobStepSpan } from "@/lib/observability/job-step-span";
import { traceparentOf } from "@/lib/observability/trace-context";

/** The part of the task store a function writes (lib/jobs/task-store.ts's TaskStore fits). */
export type TaskUpdater = {
  /** A cron run has no task created beforehand: it creates its own at run start (a repeat is a no-op). */
  create?(input: { id: string; job: string; owner: string }): Promise<unknown>;
  update(
    id: string,
    patch: { status?: TaskStatus; progress?: number; step?: string | null; attempts?: number; error?: string },
  ): Promise<unknown>;
};

export type InngestFunctionDeps = { tasks: TaskUpdater };

/**
 * What a definition's key functions mean as Inngest expressions (CEL over the trigger event). A
 * definition gives keys as functions of its data, which the Inngest server cannot call; these say the
 * same thing in the server's language. Kept beside the functions (inngest/functions/index.ts), never
 * in lib/jobs: a definition does not name a provider.
 */
export type InngestKeys = {
  /** e.g. "event.data.reportId": one run per value (Inngest keeps the key 24 h). */
  idempotency: string;
  /** e.g. "event.data.userId": required when the definition has `concurrency`. */
  concurrencyKey?: string;
};

type Retries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

/** Inngest allows 0–20 retries; the definition's count, clamped into that range. */
function toRetries(retries: number): Retries {
  return Math.max(0, Math.min(20, Math.trunc(retries))) as Retries;
}

/** "reportId" or "data.reportId" → "data.reportId" (Inngest's `match` is a dot path in both events). */
export function toCancelMatch(match: string): string {
  return match.startsWith("data.") ? match : `data.${match}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") return error.message;
  return String(error);
}

/** The slot an Inngest cron event stands for: the latest due slot at the event's time. */
function cronDataOf(cron: string, event: { ts?: number }): CronRunData {
  const slot = latestDueSlot(cron, new Date(event.ts ?? Date.now()));
  if (slot === null) throw new NonRetriableError(`cron "${cron}" has no slot before ${new Date(event.ts ?? Date.now()).toISOString()}`);
  return { slot: slot.toISOString() };
}

/** The Inngest function config a definition maps to (exported so tests can check the mapping). */
export function toInngestFunctionOptions(definition: JobDefinition, keys: InngestKeys | undefined) {
  if (keys === undefined && "event" in definition.trigger) {
    throw new Error(`Job "${definition.id}" has no Inngest keys: add it to INNGEST_KEYS in inngest/functions/index.ts`);
  }
  if (definition.concurrency !== undefined && keys?.concurrencyKey === undefined) {
    throw new Error(`Job "${definition.id}" has a concurrency limit but no concurrencyKey in INNGEST_KEYS`);
  }
  return {
    id: definition.id,
    triggers: ["event" in definition.trigger ? { event: definition.trigger.event } : { cron: definition.trigger.cron }],
    retries: toRetries(definition.retries),
    ...(keys !== undefined && "event" in definition.trigger ? { idempotency: keys.idempotency } : {}),
    ...(definition.concurrency !== undefined && keys?.concurrencyKey !== undefined
      ? { concurrency: { key: keys.concurrencyKey, limit: definition.concurrency.limit } }
      : {}),
    ...(definition.throttle !== undefined
      ? { throttle: { limit: definition.throttle.limit, period: `${definition.throttle.periodSeconds}s` as const } }
      : {}),
    ...(definition.cancelOn !== undefined
      ? { cancelOn: [{ event: definition.cancelOn.event, match: toCancelMatch(definition.cancelOn.match) }] }
      : {}),
  };
}

/**
 * A job definition as an Inngest function. The handler checks the event's data against the
 * definition's schema and runs it; each `step` is an Inngest `step.run` that first marks the task
 * running at that step and progress. Step results are the definition's (small JSON: ids, store keys).
 * The run's end marks the task succeeded; a run that fails for good marks it failed and calls the
 * definition's `onFailure` with the reason.
 */
export function toInngestFunction(
  client: Inngest,
  definition: JobDefinition,
  deps: InngestFunctionDeps,
  keys?: InngestKeys,
): InngestFunction.Any {
  const { tasks } = deps;
  const cron = "cron" in definition.trigger ? definition.trigger.cron : null;
  const parseData = (data: unknown) => {
    const result = definition.event.safeParse(data ?? {});
    if (!result.success) throw new NonRetriableError(`Job "${definition.id}": event data does not match its schema: ${result.error.message}`);
    return result.data;
  };

  return client.createFunction(
    {
      ...toInngestFunctionOptions(definition, keys),
      onFailure: async ({ event, error }) => {
        const original = (event.data as { event?: { data?: unknown; ts?: number } }).event;
        const parsed = definition.event.safeParse(cron !== null && original?.ts !== undefined ? cronDataOf(cron, original) : (original?.data ?? {}));
        if (!parsed.success) return;
        const reason = describeError(error);
        recordRunFinished(runTelemetry(definition, definition.taskId(parsed.data), parsed.data), "failed");
        await tasks.update(definition.taskId(parsed.data), { status: "failed", error: reason });
        await definition.onFailure?.(parsed.data, reason);
      },
    },
    async ({ event, step, attempt }) => {
      // A cron run: its data is the slot (as on the local provider), fixed by a first step so every
      // replay sees the same one, which also creates the run's task (no request created it).
      const data = parseData(
        cron === null
          ? event.data
          : await step.run("task-created", async () => {
              const cronData = cronDataOf(cron, event);
              const parsed = parseData(cronData);
              await tasks.create?.({ id: definition.taskId(parsed), job: definition.id, owner: "system" });
              return cronData;
            }),
      );
      const taskId = definition.taskId(data);
      const tries = attempt + 1;
      const telemetry = runTelemetry(definition, taskId, data);
      // Inngest calls the function once per step: only the first call's first step ends the queue wait.
      let stepsSeen = 0;
      const result = await withRunContext(data, () =>
        definition.run({
          data,
          taskId,
          attempt: tries,
          step: async <T extends StepResult>(id: string, options: { progress: number }, run: () => Promise<T>) => {
            const first = stepsSeen++ === 0;
            return (await step.run(id, async () => {
              if (first && tries === 1 && cron === null && event.ts !== undefined) recordQueueWait(definition.id, event.ts);
              await tasks.update(taskId, { status: "running", step: id, progress: options.progress, attempts: tries });
              return withJobStepSpan({ jobId: definition.id, stepId: id, taskId, attempt: tries, traceparent: traceparentOf(data) }, () =>
                observeStep(telemetry, id, tries, run),
              );
            })) as T;
          },
        }),
      );
      await step.run("task-succeeded", async () => {
        await tasks.update(taskId, { status: "succeeded", progress: 100 });
        recordRunFinished(telemetry, "succeeded");
        return null;
      });
      return result;
    },
  ) as unknown as InngestFunction.Any;
}
