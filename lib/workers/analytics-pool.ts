import "server-only";
import type { Transferable } from "node:worker_threads";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { spawnAnalyticsWorker } from "./spawn-analytics-worker";
import type { AnalyticsTaskName, AnalyticsTasks } from "./tasks";
import { WorkerPool } from "./worker-pool";

// Next compiles each route (and instrumentation) into its own module graph, so a module-level pool would
// be one pool per route: the process-wide bound lives on globalThis instead (as the metrics registry does).
const POOL_KEY = Symbol.for("cer-analytics.analyticsPool");
type Holder = { [POOL_KEY]?: WorkerPool };

/** The process-wide analytics pool, sized from ANALYTICS_WORKERS / _QUEUE_LIMIT / _TASK_TIMEOUT_MS. */
export function getAnalyticsPool(): WorkerPool {
  const holder = globalThis as Holder;
  if (!holder[POOL_KEY]) {
    const env = getEnv();
    holder[POOL_KEY] = new WorkerPool({
      size: env.ANALYTICS_WORKERS,
      queueLimit: env.ANALYTICS_QUEUE_LIMIT,
      timeoutMs: env.ANALYTICS_TASK_TIMEOUT_MS,
      spawn: spawnAnalyticsWorker,
      onWorkerLost: (event) => logger.error("workers.worker_lost", event),
    });
  }
  return holder[POOL_KEY];
}

type Input<K extends AnalyticsTaskName> = Parameters<AnalyticsTasks[K]>[0];
type Output<K extends AnalyticsTaskName> = Awaited<ReturnType<AnalyticsTasks[K]>>;

/**
 * Runs one named analytics task on the pool. Rejects with an AppError for bad input (400), a full queue,
 * a timeout or an out-of-memory worker (503) and a crashed worker (500); `transfer` moves buffers
 * (e.g. a request body) to the worker instead of copying them.
 */
export function runAnalytics<K extends AnalyticsTaskName>(name: K, input: Input<K>, transfer?: readonly Transferable[]): Promise<Output<K>> {
  return getAnalyticsPool().run<Output<K>>(name, input, transfer ? { transfer } : {});
}
