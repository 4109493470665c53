import "server-only";
import { z } from "zod";
import type { StateStore } from "@/lib/cache/state-store";
import { updateAtomically } from "@/lib/cache/update-atomically";
import type { StepResult } from "@/lib/jobs/types";

// One run of a job in the local provider, kept in the state store so a restarted process resumes it.
export const runStatusSchema = z.enum(["pending", "running", "done", "failed", "cancelled"]);
export type RunStatus = z.infer<typeof runStatusSchema>;

const runRecordSchema = z.object({
  definitionId: z.string(),
  data: z.unknown(),
  taskId: z.string(),
  status: runStatusSchema,
  /** Finished steps' results: replayed, never re-run. */
  steps: z.record(z.string(), z.custom<StepResult>()),
  /** Tries of the current step (1 for the first). */
  attempt: z.number().int().positive(),
  /** Epoch ms before which a run waiting for a retry is not claimed. */
  nextAttemptAt: z.number(),
  cancelRequested: z.boolean(),
  /** The lease token of the runner that claimed it: a runner whose token is gone must not write. */
  owner: z.string().nullable(),
  result: z.custom<StepResult>().optional(),
  /** Epoch ms of the enqueue (queue wait and oldest-queued age); absent on runs enqueued before it was kept. */
  enqueuedAt: z.number().optional(),
  error: z.string().optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export const isFinishedRun = (status: RunStatus) => status === "done" || status === "failed" || status === "cancelled";

export function parseRunRecord(raw: string): RunRecord {
  return runRecordSchema.parse(JSON.parse(raw));
}

/** The local provider's keys under one prefix ("cer:" in the app; a unique one per test). */
export function localJobKeys(prefix: string) {
  return {
    run: (runKey: string) => `${prefix}jobrun:${runKey}`,
    lease: (runKey: string) => `${prefix}jobs:lease:${runKey}`,
    /** Every unfinished run (pending, running, or waiting for a retry); finished ones are dropped on the next scan. */
    pending: `${prefix}jobs:pending`,
    /** Run keys holding a slot of one concurrency key. */
    concurrency: (definitionId: string, key: string) => `${prefix}jobs:concurrency:${definitionId}:${key}`,
    /** Set-if-absent by the one instance that enqueues a cron definition's run for this slot. */
    cronClaim: (definitionId: string, slot: string) => `${prefix}jobs:cron:${definitionId}:${slot}`,
  };
}

/**
 * Changes a run record atomically (compareAndSet retry loop). `change` returns null to leave it as is.
 * Returns the stored text and record after the change, or null when there is no record.
 */
export async function updateRunRecord(
  store: StateStore,
  key: string,
  change: (record: RunRecord) => RunRecord | null,
): Promise<{ raw: string; record: RunRecord; changed: boolean } | null> {
  // No bound on retries: a runner must not lose its own write to a busy record (cancel, lease renewals).
  const updated = await updateAtomically(store, key, parseRunRecord, change, { maxTries: Number.POSITIVE_INFINITY });
  return updated && { raw: updated.raw, record: updated.value, changed: updated.changed };
}
