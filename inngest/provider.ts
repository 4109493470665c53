import type { Inngest } from "inngest";
import type { z } from "zod";
import { getInngestClient } from "@/inngest/client";
import type { JobDefinition, JobProvider } from "@/lib/jobs/types";

/**
 * JOBS_PROVIDER=inngest: a job starts by its trigger event. The event id is the definition's
 * idempotency key, so a repeat inside Inngest's 24 h window is dropped by the server even before the
 * function's own `idempotency` expression is checked.
 */
export function createInngestJobProvider(client: Inngest = getInngestClient()): JobProvider {
  return {
    kind: "inngest",
    async enqueue<S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>): Promise<void> {
      if (!("event" in definition.trigger)) {
        throw new Error(`Job "${definition.id}" runs on a schedule (${definition.trigger.cron}); it cannot be enqueued`);
      }
      const checked = definition.event.parse(data) as z.output<S>;
      await client.send({
        name: definition.trigger.event,
        data: checked as Record<string, unknown>,
        id: `${definition.id}:${definition.idempotencyKey(checked)}`,
      });
    },
    async cancel<S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>): Promise<void> {
      if (definition.cancelOn === undefined) throw new Error(`Job "${definition.id}" has no cancel event`);
      await client.send({ name: definition.cancelOn.event, data: data as Record<string, unknown> });
    },
  };
}
