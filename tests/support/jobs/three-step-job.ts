import { Redis } from "ioredis";
import { z } from "zod";
import type { StateStore } from "@/lib/cache/state-store";
import type { JobDefinition } from "@/lib/jobs/types";

// A test job with three steps whose side effects are list appends in the store, so a test (or another
// process) counts how often each step's effect happened.
export const threeStepEvent = z.object({ runId: z.string(), owner: z.string() });
export type ThreeStepData = z.output<typeof threeStepEvent>;
export const STEPS = [
  { id: "one", progress: 10 },
  { id: "two", progress: 40 },
  { id: "three", progress: 80 },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

export const effectKey = (prefix: string, runId: string, step: string) => `${prefix}effects:${runId}:${step}`;
export const triesKey = (prefix: string, runId: string, step: string) => `${prefix}tries:${runId}:${step}`;
export const taskIdOf = (runId: string) => `task-${runId}`;

export type ThreeStepOptions = {
  store: StateStore;
  prefix: string;
  /** Written into each effect (which instance ran it). */
  label?: string;
  retries?: number;
  backoff?: JobDefinition["backoff"];
  stepDelayMs?: Partial<Record<StepId, number>>;
  /** Runs inside a step before its effect: throw to fail the step, or never resolve to hang it. */
  beforeEffect?: Partial<Record<StepId, (data: ThreeStepData) => Promise<void>>>;
  concurrency?: JobDefinition<typeof threeStepEvent>["concurrency"];
  onFailure?: (data: ThreeStepData, reason: string) => Promise<void>;
};

export function threeStepJob(options: ThreeStepOptions): JobDefinition<typeof threeStepEvent> {
  const { store, prefix } = options;
  return {
    id: "three-step-test",
    trigger: { event: "test/three-step" },
    event: threeStepEvent,
    retries: options.retries ?? 0,
    backoff: options.backoff ?? { initialMs: 10, factor: 2, maxMs: 100 },
    idempotencyKey: (data) => data.runId,
    taskId: (data) => taskIdOf(data.runId),
    concurrency: options.concurrency,
    onFailure: options.onFailure,
    async run({ data, step }) {
      const results: Record<string, string> = {};
      for (const { id, progress } of STEPS) {
        results[id] = await step(id, { progress }, async () => {
          await store.appendToList(triesKey(prefix, data.runId, id), options.label ?? "test");
          await options.beforeEffect?.[id]?.(data);
          const delay = options.stepDelayMs?.[id];
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          await store.appendToList(effectKey(prefix, data.runId, id), options.label ?? "test");
          return `${id}-done`;
        });
      }
      return results;
    },
  };
}

/** Deletes every key under `prefix` (tests' own keys only). */
export async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
