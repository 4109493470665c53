import "server-only";
import { scanWatchlist, type ScanResult } from "@/lib/alerts/scan-watchlist";
import { sendScanDigest, type DigestItem, type SendDigestResult } from "@/lib/alerts/send-digest";
import { getAlertStore, type AlertStore } from "@/lib/alerts/alert-store";
import { getWatchlistStore, type WatchlistStore } from "@/lib/alerts/watchlist-store";
import { getEnv } from "@/lib/env";
import { cronRunDataSchema } from "@/lib/jobs/cron";
import type { JobDefinition, StepResult } from "@/lib/jobs/types";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import type { AlertRecord } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// The scheduled scan (issue #12): a cron job (WATCHLIST_SCAN_CRON, UTC). Each run lists the watchlists
// that are due, scans each in its own step (`scan:<watchlistId>`, so a crash re-runs only the unfinished
// ones), then sends the digest email. Steps return small JSON (alert ids); the digest reads the raised
// alerts back from the alert store.

/** A watchlist is due when its last scan is at least this old (a little under its period, so a run a few minutes early still counts). */
export const DUE_AFTER_MS = { daily: 23 * 3_600_000, weekly: 6.9 * 86_400_000 } as const;

export function isDue(watchlist: Pick<WatchlistRecord, "schedule" | "lastScan">, at: Date): boolean {
  if (watchlist.lastScan === null) return true;
  const last = Date.parse(watchlist.lastScan.at);
  if (Number.isNaN(last)) return true;
  return at.getTime() - last >= DUE_AFTER_MS[watchlist.schedule];
}

export type ScanWatchlistsDeps = {
  cron: () => string;
  watchlists: () => WatchlistStore;
  /** Where the scan stored the alerts it raised (the digest reads them by id). */
  alerts: () => AlertStore;
  scan: (by: "schedule", watchlistId: string) => Promise<ScanResult>;
  sendDigest: (input: { slot: string; items: DigestItem[] }) => Promise<SendDigestResult>;
  now: () => Date;
};

const defaultDeps: ScanWatchlistsDeps = {
  cron: () => getEnv().WATCHLIST_SCAN_CRON,
  watchlists: getWatchlistStore,
  alerts: getAlertStore,
  scan: scanWatchlist,
  sendDigest: (input) => sendScanDigest(input),
  now: () => new Date(),
};

type ScanStepResult = { raised: string[]; findings: number; problems: number; error?: string };

export function createScanWatchlistsJob(overrides: Partial<ScanWatchlistsDeps> = {}): JobDefinition<typeof cronRunDataSchema> {
  const deps: ScanWatchlistsDeps = { ...defaultDeps, ...overrides };
  const definition: JobDefinition<typeof cronRunDataSchema> = {
    id: "scan-watchlists",
    // Read when a provider is built, not at import: the env is parsed (and checked) by then.
    get trigger() {
      return { cron: deps.cron() };
    },
    event: cronRunDataSchema,
    retries: 2,
    backoff: { initialMs: 5_000, factor: 3, maxMs: 120_000 },
    idempotencyKey: (data) => data.slot,
    taskId: (data) => `scan:${data.slot}`,
    async run(context) {
      const { data, step } = context;
      const { slot } = data;
      const due = await step("list-due", { progress: 5 }, async () => {
        const at = deps.now();
        const ids: string[] = [];
        for (const id of [...(await deps.watchlists().listIds("all"))].sort()) {
          const watchlist = await deps.watchlists().get(id);
          if (watchlist && isDue(watchlist, at)) ids.push(id);
        }
        logger.info("alerts.scheduled_scan_due", { slot, due: ids.length });
        return ids;
      });

      const scanned: Record<string, ScanStepResult> = {};
      for (const [index, watchlistId] of due.entries()) {
        const progress = 10 + Math.floor((80 * index) / Math.max(1, due.length));
        scanned[watchlistId] = await step(`scan:${watchlistId}`, { progress }, async (): Promise<ScanStepResult> => {
          try {
            const result = await deps.scan("schedule", watchlistId);
            return { raised: result.raised.map((alert) => alert.id), findings: result.findings.length, problems: result.problems.length };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            // Retried like any step; on its last try one broken watchlist does not stop the others.
            // (context.attempt, read here: the try of this step, not of the run's first.)
            if (context.attempt <= definition.retries) throw error;
            logger.warn("alerts.scheduled_scan_failed", { slot, watchlist: hashForLog(watchlistId), attempts: context.attempt, error: message.slice(0, 300) });
            return { raised: [], findings: 0, problems: 0, error: message.slice(0, 300) };
          }
        });
      }

      const digest = await step("digest", { progress: 95 }, async () => {
        const items: DigestItem[] = [];
        for (const [watchlistId, result] of Object.entries(scanned)) {
          if (result.raised.length === 0) continue;
          const found = await Promise.all(result.raised.map((id) => deps.alerts().get(id)));
          const alerts = found.filter((alert): alert is AlertRecord => alert !== null);
          if (alerts.length > 0) items.push({ watchlistId, alerts });
        }
        try {
          const { skipped, recipients, sent, failed } = await deps.sendDigest({ slot, items });
          const outcome: { [key: string]: StepResult } = { recipients, sent, failed };
          if (skipped !== undefined) outcome.skipped = skipped;
          return outcome;
        } catch (error) {
          // The digest is a courtesy: a failure to send is logged, and the scan still succeeded.
          logger.warn("alerts.digest_failed", { slot, error: error instanceof Error ? error.message.slice(0, 300) : "unknown" });
          return { recipients: 0, sent: 0, failed: 0, error: "digest failed" };
        }
      });

      const raised = Object.values(scanned).reduce((n, result) => n + result.raised.length, 0);
      const failed = Object.values(scanned).filter((result) => result.error !== undefined).length;
      return { slot, scanned: due.length, failed, raised, digest };
    },
  };
  return definition;
}

export const scanWatchlistsJob = createScanWatchlistsJob();
