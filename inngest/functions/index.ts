import type { Inngest, InngestFunction } from "inngest";
import type { JobDefinition } from "@/lib/jobs/types";
import { toInngestFunction, type InngestFunctionDeps, type InngestKeys } from "@/inngest/to-inngest-function";

/**
 * Each event-triggered job's keys as Inngest expressions, by definition id: the same keys the
 * definition computes with `idempotencyKey` / `concurrency.key`, in the CEL the server evaluates.
 * A definition missing here fails when the functions are built (so at the first request, and in tests).
 * Cron jobs (scan-watchlists) need none: one run per slot is the schedule's, and they have no event.
 */
export const INNGEST_KEYS: Readonly<Record<string, InngestKeys>> = {
  "generate-report": { idempotency: "event.data.reportId", concurrencyKey: "event.data.owner" },
};

/** The Inngest functions for these definitions (the serve route and the worker serve the same list). */
export function buildInngestFunctions(
  client: Inngest,
  definitions: readonly JobDefinition[],
  deps: InngestFunctionDeps,
  keys: Readonly<Record<string, InngestKeys>> = INNGEST_KEYS,
): InngestFunction.Any[] {
  return definitions.map((definition) => toInngestFunction(client, definition, deps, keys[definition.id]));
}
