import type { StateStore } from "@/lib/cache/state-store";
import { cronRunDataSchema } from "@/lib/jobs/cron";
import type { JobDefinition } from "@/lib/jobs/types";

// A test cron job with two steps whose effects are list appends in the store (one entry per run of a
// slot, naming the instance that ran it), so a test counts how often each slot ran.
export const cronRunsKey = (prefix: string) => `${prefix}cron-runs`;

export function cronCountJob(options: { store: StateStore; prefix: string; cron: string; label: string; stepDelayMs?: number }): JobDefinition<typeof cronRunDataSchema> {
  const { store, prefix } = options;
  return {
    id: "cron-count-test",
    trigger: { cron: options.cron },
    event: cronRunDataSchema,
    retries: 0,
    backoff: { initialMs: 10, factor: 2, maxMs: 100 },
    idempotencyKey: (data) => data.slot,
    taskId: (data) => `cron-count:${data.slot}`,
    async run({ data, step }) {
      await step("wait", { progress: 10 }, async () => {
        if (options.stepDelayMs) await new Promise((resolve) => setTimeout(resolve, options.stepDelayMs));
        return true;
      });
      return step("count", { progress: 50 }, async () => {
        await store.appendToList(cronRunsKey(prefix), `${data.slot} ${options.label}`);
        return data.slot;
      });
    },
  };
}
