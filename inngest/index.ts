import type { Inngest, InngestFunction } from "inngest";
import { getInngestClient } from "@/inngest/client";
import { buildInngestFunctions, INNGEST_KEYS } from "@/inngest/functions";
import type { InngestFunctionDeps, InngestKeys } from "@/inngest/to-inngest-function";
import { JOB_DEFINITIONS } from "@/lib/jobs/definitions";
import { getTaskStore } from "@/lib/jobs/task-store";
import type { JobDefinition } from "@/lib/jobs/types";

export type InngestSetup = {
  client: Inngest;
  functions: InngestFunction.Any[];
};

type Overrides = {
  definitions?: readonly JobDefinition[];
  deps?: InngestFunctionDeps;
  keys?: Readonly<Record<string, InngestKeys>>;
  client?: Inngest;
};

const defaultDeps = (): InngestFunctionDeps => ({ tasks: getTaskStore() });

let overrides: Overrides = {};
let setup: InngestSetup | undefined;

/**
 * The client and the functions built from JOB_DEFINITIONS, made once per process on first use (so the
 * env is read at request time, not at import). The serve route and the worker both serve this list.
 */
export function getInngestSetup(): InngestSetup {
  if (setup === undefined) {
    const client = overrides.client ?? getInngestClient();
    const definitions = overrides.definitions ?? JOB_DEFINITIONS;
    const functions = buildInngestFunctions(client, definitions, overrides.deps ?? defaultDeps(), overrides.keys ?? INNGEST_KEYS);
    setup = { client, functions };
  }
  return setup;
}

/** For tests: serve other definitions (and deps, keys or client); `{}` restores the defaults. */
export function setInngestFunctionsForTests(next: Overrides): void {
  overrides = next;
  setup = undefined;
}

/** For tests: forget the built functions so a changed env (or client) takes effect. */
export function resetInngestSetupForTests(): void {
  setup = undefined;
}
