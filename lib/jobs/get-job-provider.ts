import "server-only";
import type { z } from "zod";
import { getStateStore } from "@/lib/cache/get-state-store";
import { getEnv } from "@/lib/env";
import { JOB_DEFINITIONS } from "@/lib/jobs/definitions";
import { createLocalJobProvider, type LocalJobProvider } from "@/lib/jobs/local-provider";
import { getTaskStore } from "@/lib/jobs/task-store";
import type { JobDefinition, JobProvider } from "@/lib/jobs/types";

// Next compiles each route (and instrumentation) into its own module graph: the one local provider, whose
// poller instrumentation starts, lives on globalThis so every route enqueues into the same one.
const PROVIDER_KEY = Symbol.for("cer-analytics.jobProvider");
type Holder = { [PROVIDER_KEY]?: JobProvider };

// Imported lazily, so a local-provider process never loads the Inngest SDK.
/** Loads inngest/provider.ts on first use; until then enqueue/cancel wait for it. */
function lazyInngestProvider(): JobProvider {
  let loaded: Promise<JobProvider> | undefined;
  const provider = () =>
    (loaded ??= import("@/inngest/provider").then((module) => module.createInngestJobProvider()));
  return {
    kind: "inngest",
    enqueue: async <S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>) => (await provider()).enqueue(definition, data),
    cancel: async <S extends z.ZodType>(definition: JobDefinition<S>, data: z.output<S>) => (await provider()).cancel(definition, data),
  };
}

/** The process's job provider, chosen by JOBS_PROVIDER. */
export function getJobProvider(): JobProvider {
  const holder = globalThis as Holder;
  holder[PROVIDER_KEY] ??=
    getEnv().JOBS_PROVIDER === "inngest"
      ? lazyInngestProvider()
      : createLocalJobProvider({ store: getStateStore(), tasks: getTaskStore(), definitions: JOB_DEFINITIONS });
  return holder[PROVIDER_KEY];
}

/** For instrumentation: starts the local poller (which also resumes runs a dead process left); nothing for Inngest. */
export function startLocalJobsIfEnabled(): void {
  const provider = getJobProvider();
  if (provider.kind === "local") (provider as LocalJobProvider).start();
}
