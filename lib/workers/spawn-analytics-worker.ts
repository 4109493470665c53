import { Worker, type WorkerOptions } from "node:worker_threads";
import { isUnknownTsExtension, spawnThroughTsx, whenReady } from "./spawn-worker";

const OPTIONS: WorkerOptions = { name: "cer-analytics" };

// Learnt at the first start: under next build/start/dev the .ts URL below is a compiled chunk; under
// Vitest or tsx Node refuses it, and every later worker goes through the tsx shim straight away.
let throughTsx = false;

/**
 * One analytics worker, ready for tasks. The literal `new Worker(new URL("./analytics.worker.ts",
 * import.meta.url))` is what Turbopack recognises and compiles, with its imports, into a worker chunk
 * (stack.md §4.11): keep that form.
 */
export async function spawnAnalyticsWorker(): Promise<Worker> {
  if (!throughTsx) {
    try {
      return await whenReady(new Worker(new URL("./analytics.worker.ts", import.meta.url), OPTIONS));
    } catch (error) {
      if (!isUnknownTsExtension(error)) throw error;
      throughTsx = true;
    }
  }
  return spawnThroughTsx(new URL("./analytics.worker.ts", import.meta.url), OPTIONS);
}
