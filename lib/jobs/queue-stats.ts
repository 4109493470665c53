import "server-only";
import type { StateStore } from "@/lib/cache/state-store";
import { isFinishedRun, localJobKeys, parseRunRecord } from "@/lib/jobs/local-run-record";

export type QueueStats = Map<string, { depth: number; oldestQueuedAgeSeconds: number }>;

/** A scrape must stay cheap however long the backlog: past this many runs the figures are a floor. */
const MAX_RUNS_READ = 2000;

/**
 * The local provider's backlog, read from its durable run records: per job, runs not finished (queued,
 * running or waiting for a retry), and the age of the oldest one never started (0 when none).
 */
export async function readLocalQueueStats(store: StateStore, options: { keyPrefix?: string; now?: number } = {}): Promise<QueueStats> {
  const keys = localJobKeys(options.keyPrefix ?? "cer:");
  const now = options.now ?? Date.now();
  const stats: QueueStats = new Map();
  const runKeys = (await store.setMembers(keys.pending)).slice(0, MAX_RUNS_READ);
  for (const runKey of runKeys) {
    const raw = await store.get(keys.run(runKey));
    if (raw === null) continue;
    let record;
    try {
      record = parseRunRecord(raw);
    } catch {
      continue;
    }
    if (isFinishedRun(record.status)) continue;
    const entry = stats.get(record.definitionId) ?? { depth: 0, oldestQueuedAgeSeconds: 0 };
    entry.depth += 1;
    const neverStarted = record.status === "pending" && record.attempt === 1 && Object.keys(record.steps).length === 0;
    if (neverStarted && record.enqueuedAt !== undefined) {
      entry.oldestQueuedAgeSeconds = Math.max(entry.oldestQueuedAgeSeconds, Math.max(0, (now - record.enqueuedAt) / 1000));
    }
    stats.set(record.definitionId, entry);
  }
  return stats;
}
