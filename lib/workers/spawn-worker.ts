import { Worker, type WorkerOptions } from "node:worker_threads";
import { WORKER_READY } from "./protocol";

/** Long enough for tsx to compile a worker's imports on a busy machine; a healthy start takes well under a second. */
const READY_TIMEOUT_MS = 30_000;

/** Resolves once the worker says it listens for tasks; rejects with its load error if it dies first. */
export function whenReady(worker: Worker): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (error) {
        void worker.terminate();
        reject(error);
      } else resolve(worker);
    };
    const onMessage = (message: unknown) => {
      if (message === WORKER_READY) done();
    };
    const onError = (error: Error) => done(error);
    const onExit = (code: number) => done(new Error(`worker exited with code ${code} before it was ready`));
    const timer = setTimeout(() => done(new Error(`worker was not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

/** Node refused a `.ts` entry: we run from source (Vitest, tsx), not from a Turbopack build. */
export const isUnknownTsExtension = (error: unknown) =>
  error instanceof Error && (error as { code?: unknown }).code === "ERR_UNKNOWN_FILE_EXTENSION";

// Registers tsx's loader in the new thread, then imports the .ts worker named in workerData.entry. Kept as
// eval'd source, not a file: Turbopack bundles any file a route can reach (tsx and esbuild with it, which
// fails the build), and `next start`/`next dev` never need this path.
const TSX_SHIM = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** Starts a `.ts` worker module through tsx (stack.md P25: Node 20 cannot load .ts itself). */
export function spawnThroughTsx(entry: URL, options: WorkerOptions = {}): Promise<Worker> {
  return whenReady(new Worker(TSX_SHIM, { ...options, eval: true, workerData: { entry: entry.href } }));
}
