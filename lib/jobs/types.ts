import type { z } from "zod";

// The job layer's contract: a job is a definition that two providers run unchanged (JOBS_PROVIDER):
// "inngest" (functions built in inngest/ from these definitions) and "local" (in-process, durable in
// the state store). A definition never names a provider.

/** JSON a step may return: small (ids, store keys, counts), never PDF bytes. */
export type StepResult = string | number | boolean | null | StepResult[] | { [key: string]: StepResult };

export type JobContext<Data> = {
  /** The event's data, already checked against the definition's schema. */
  data: Data;
  /** The task this run updates (the id GET /api/tasks/{id} reads). */
  taskId: string;
  /** 1 for the first try of the current step, 2 after one retry, … (read it inside the step: it changes from step to step). */
  attempt: number;
  /**
   * Runs a named step once: a finished step's result is kept (local: in the store; Inngest: by the
   * server) and returned on every later replay, so its effect happens once. `progress` (0–100) is what
   * the task shows while this step runs.
   */
  step: <T extends StepResult>(id: string, options: { progress: number }, run: () => Promise<T>) => Promise<T>;
};

export type JobTrigger = { event: string } | { cron: string };

export type JobDefinition<Schema extends z.ZodType = z.ZodType> = {
  /** Stable kebab-case id; the Inngest function id. */
  id: string;
  trigger: JobTrigger;
  /** zod schema of the event's data, with no transforms or defaults (Inngest 4 rejects them). */
  event: Schema;
  /** Retries per step after the first try (Inngest `retries`; local: the same count, per step). */
  retries: number;
  /** Local provider's wait before retry n (1-based): min(maxMs, initialMs·factor^(n-1)). Inngest backs off on its own. */
  backoff: { initialMs: number; factor: number; maxMs: number };
  /** One run per key (e.g. the report id): a second event with the same key does not start a run. */
  idempotencyKey: (data: z.output<Schema>) => string;
  /** Runs with the same key at once, at most `limit` (e.g. per user). */
  concurrency?: { key: (data: z.output<Schema>) => string; limit: number };
  /** Inngest throttle (runs per period), to keep openFDA calls within its limits. */
  throttle?: { limit: number; periodSeconds: number };
  /** An event that cancels a running job whose `match` field equals the trigger event's. */
  cancelOn?: { event: string; match: string };
  /** The task id of a run (the task record exists before the event is sent). */
  taskId: (data: z.output<Schema>) => string;
  run: (context: JobContext<z.output<Schema>>) => Promise<StepResult>;
  /** Called once when the run has failed for good (every retry used) with a reason a person can act on. */
  onFailure?: (data: z.output<Schema>, reason: string) => Promise<void>;
};

/** What routes and use cases call: start a job, or cancel one. */
export interface JobProvider {
  readonly kind: "local" | "inngest";
  /** Sends the trigger event; a repeat with the same idempotency key starts nothing new. */
  enqueue<S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>): Promise<void>;
  /** Asks a running job to stop before its next step (Inngest: the cancelOn event). */
  cancel<S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>): Promise<void>;
}
