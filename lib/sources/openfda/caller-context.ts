import { AsyncLocalStorage } from "node:async_hooks";

// Who the current openFDA calls are for. The pipeline sets it around each question, so the client can
// give every caller a fair share of the budget without every reader passing it down.
const callerStorage = new AsyncLocalStorage<string>();

/** Runs `work` with `caller` (e.g. `user:<id>`, `job:<owner>`, `scan`) as the owner of its openFDA calls. */
export function runAsCaller<T>(caller: string, work: () => Promise<T>): Promise<T> {
  return callerStorage.run(caller, work);
}

/** The caller of the running work; calls made outside any question share one anonymous share. */
export function currentCaller(): string {
  return callerStorage.getStore() ?? "anonymous";
}
