import { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/types";
import type { InngestKeys, TaskUpdater } from "@/inngest/to-inngest-function";

// A test job: three steps at 10/50/90 %, recording what ran; `failAt` makes that step throw every time.

export const threeStepEventSchema = z.object({ reportId: z.string(), userId: z.string() });
export type ThreeStepData = z.infer<typeof threeStepEventSchema>;

export type JobRecorder = {
  calls: string[];
  failures: { data: ThreeStepData; reason: string }[];
  taskUpdates: { id: string; patch: Parameters<TaskUpdater["update"]>[1] }[];
  tasks: TaskUpdater;
};

export function createJobRecorder(): JobRecorder {
  const recorder: JobRecorder = {
    calls: [],
    failures: [],
    taskUpdates: [],
    tasks: {
      update: async (id, patch) => {
        recorder.taskUpdates.push({ id, patch });
        return undefined;
      },
    },
  };
  return recorder;
}

export const THREE_STEP_KEYS: Record<string, InngestKeys> = {
  "test-three-step": { idempotency: "event.data.reportId", concurrencyKey: "event.data.userId" },
};

export function threeStepJob(recorder: JobRecorder, options: { failAt?: string } = {}): JobDefinition<typeof threeStepEventSchema> {
  const stepFn = <T extends { [key: string]: string | number }>(id: string, result: () => T) => async (): Promise<T> => {
    recorder.calls.push(id);
    if (options.failAt === id) throw new Error(`${id} failed on purpose`);
    return result();
  };
  return {
    id: "test-three-step",
    trigger: { event: "test/three-step.requested" },
    event: threeStepEventSchema,
    retries: 0,
    backoff: { initialMs: 10, factor: 2, maxMs: 100 },
    idempotencyKey: (data) => data.reportId,
    concurrency: { key: (data) => data.userId, limit: 2 },
    throttle: { limit: 10, periodSeconds: 60 },
    cancelOn: { event: "test/three-step.cancelled", match: "reportId" },
    taskId: (data) => `task-${data.reportId}`,
    run: async ({ data, step }) => {
      const collected = await step("collect", { progress: 10 }, stepFn("collect", () => ({ rows: 3 })));
      const analyzed = await step("analyze", { progress: 50 }, stepFn("analyze", () => ({ signals: collected.rows * 2 })));
      const stored = await step("store", { progress: 90 }, stepFn("store", () => ({ key: `reports/${data.reportId}.pdf`, signals: analyzed.signals })));
      return { reportId: data.reportId, key: stored.key };
    },
    onFailure: async (data, reason) => {
      recorder.failures.push({ data, reason });
    },
  };
}
