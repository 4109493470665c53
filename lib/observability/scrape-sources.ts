import "server-only";
import { openAlertStreamCount } from "@/lib/alerts/alert-stream";
import { getStateStore } from "@/lib/cache/get-state-store";
import { getEnv } from "@/lib/env";
import { JOB_DEFINITIONS } from "@/lib/jobs/definitions";
import { readLocalQueueStats, type QueueStats } from "@/lib/jobs/queue-stats";
import { setGaugeSource } from "@/lib/observability/metrics";

// The gauges read at scrape time rather than kept up to date: the open SSE streams (a process-wide
// count) and the local job queue (its durable run records, shared by every instance on the store).

let registered = false;

/** The queue is read once per scrape for both gauges. */
function sharedQueueRead(): () => Promise<QueueStats> {
  let pending: { at: number; value: Promise<QueueStats> } | undefined;
  return () => {
    const now = Date.now();
    if (!pending || now - pending.at > 1000) pending = { at: now, value: readLocalQueueStats(getStateStore(), { now }) };
    return pending.value;
  };
}

export function registerScrapeSources(): void {
  if (registered) return;
  registered = true;
  setGaugeSource("sseOpenConnections", () => [{ labels: {}, value: openAlertStreamCount() }]);
  // Inngest keeps its own queue (its dashboard shows it); these gauges cover the local provider.
  if (getEnv().JOBS_PROVIDER !== "local") return;
  const queue = sharedQueueRead();
  const perJob = async (pick: (entry: { depth: number; oldestQueuedAgeSeconds: number }) => number) => {
    const stats = await queue();
    return JOB_DEFINITIONS.map((d) => ({ labels: { job_id: d.id }, value: pick(stats.get(d.id) ?? { depth: 0, oldestQueuedAgeSeconds: 0 }) }));
  };
  setGaugeSource("jobQueueDepth", () => perJob((e) => e.depth));
  setGaugeSource("jobOldestQueuedAge", () => perJob((e) => e.oldestQueuedAgeSeconds));
}
