import "server-only";
import { ZodError } from "zod";
import {
  FATAL_RECENT_DAYS,
  fatalFindings,
  forecastExceedanceFinding,
  signalFindings,
  spikeFindings,
  type ScanWindow,
} from "@/lib/alerts/findings";
import { productQuery } from "@/lib/alerts/product-query";
import { raiseFindingAlerts } from "@/lib/alerts/raise-alerts";
import { getChangeableWatchlist } from "@/lib/alerts/use-cases/watchlists";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { AppError, notFound } from "@/lib/errors/app-error";
import { zodErrorMessage } from "@/lib/errors/zod-issues";
import { getAnomalies, getCases, getForecast, getPipelineDeps, getSignals, getTrend, type Ask, type PipelineDeps } from "@/lib/pipeline";
import type { AlertRecord, Finding } from "@/lib/schemas/alerts";
import { casesQuerySchema, productAnomaliesQuerySchema, productForecastQuerySchema, signalsQuerySchema, trendQuerySchema } from "@/lib/schemas/faers-query";
import { watchRuleSchema, type WatchRule, type WatchlistRecord } from "@/lib/schemas/watchlists";

// One scan of one watchlist (issue #12). Windows, all ending on the pipeline's "today":
// - the series (spike, forecast exceedance, signals): the last SCAN_WINDOW_YEARS years, by month;
// - spikes: alarms in the last SPIKE_RECENT_PERIODS assessed (complete) months only;
// - forecast exceedance: the last complete month against a one-step forecast fitted on the complete
//   months before it (getForecast forecasts only the future, so it is asked with `to` set to the day
//   before that month);
// - fatal reports: received in the last FATAL_RECENT_DAYS days (one page of at most 100 cases).
// A rule that fails (bad input for this product, too short a series, the source down) is a problem of
// that rule; the others still run. Fingerprints make a re-scan recognise what it already alerted.

export const SCAN_WINDOW_YEARS = 3;
const FATAL_PAGE = 100;

export type ScanResult = {
  watchlist: WatchlistRecord;
  findings: Finding[];
  raised: AlertRecord[];
  unchanged: number;
  /** What went wrong in one watch rule (e.g. too short a series for Farrington), per rule index; the others still ran. */
  problems: { watch: number; message: string }[];
};

export type ScanOptions = { deps?: PipelineDeps; now?: Date };

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** `to` minus `years` calendar years plus one day: a window of exactly that many years ending on `to`. */
export function scanWindowFrom(to: string, years = SCAN_WINDOW_YEARS): string {
  const [y, m, d] = to.split("-").map(Number) as [number, number, number];
  return isoDay(Date.UTC(y - years, m - 1, d) + DAY_MS);
}

function describe(error: unknown): string {
  if (error instanceof ZodError) return zodErrorMessage(error);
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function findingsOf(rule: WatchRule, record: WatchlistRecord, product: Record<string, string>, window: ScanWindow, ask: Ask, deps: PipelineDeps): Promise<Finding[]> {
  const range = { ...product, from: window.from, to: window.to };
  switch (rule.kind) {
    case "spike": {
      const query = productAnomaliesQuerySchema.parse({ ...range, interval: window.interval, method: rule.method, ...(rule.params ? { params: rule.params } : {}) });
      return spikeFindings(record.id, rule.method, (await getAnomalies(query, ask, deps)).body, window);
    }
    case "signal": {
      const answer = await getSignals(signalsQuerySchema.parse({ ...range, top: "100" }), ask, deps);
      return signalFindings(record.id, rule.rule, rule.minCount, answer.body, window);
    }
    case "forecast_exceedance": {
      const trend = (await getTrend(trendQuerySchema.parse({ ...range, interval: window.interval }), ask, deps)).body;
      const last = trend.series.filter((p) => !p.partial).at(-1);
      if (last === undefined) return [];
      const before = isoDay(dayMs(last.start) - DAY_MS);
      if (before < window.from) throw new Error(`no complete ${window.interval} before ${last.period} to fit a forecast on`);
      const query = productForecastQuerySchema.parse({ ...product, from: window.from, to: before, interval: window.interval, horizon: "1", levels: String(rule.level) });
      const finding = forecastExceedanceFinding(record.id, rule.level, trend, (await getForecast(query, ask, deps)).body, window);
      return finding ? [finding] : [];
    }
    case "fatal_report": {
      const since = isoDay(dayMs(window.to) - FATAL_RECENT_DAYS * DAY_MS);
      const fatal = product.drug !== undefined ? { seriousness: "death" } : { eventType: "death" };
      const query = casesQuerySchema.parse({ ...product, ...fatal, from: since, to: window.to, limit: String(FATAL_PAGE) });
      return fatalFindings(record.id, (await getCases(query, ask, deps)).body, since, window);
    }
  }
}

/**
 * Recomputes the watched product through the pipeline (each rule in `watch`), turns what crosses its
 * threshold into findings, raises alerts for the new or worse ones (raiseFindingAlerts) and records
 * `lastScan` on the watchlist. `by` is the user who asked (POST /api/watchlists/{id}/scan: owner or
 * admin, else 404) or "schedule" for the scheduled job.
 */
export async function scanWatchlist(by: ActorContext | "schedule", watchlistId: string, options: ScanOptions = {}): Promise<ScanResult> {
  const deps = options.deps ?? getPipelineDeps();
  const record = by === "schedule" ? await getWatchlistStore().get(watchlistId) : await getChangeableWatchlist(by.principal, watchlistId);
  if (!record) throw notFound(`No watchlist ${watchlistId}.`);
  const ask: Ask = { caller: by === "schedule" ? "scan" : `user:${by.principal.userId}` };
  const to = deps.today();
  const window: ScanWindow = { from: scanWindowFrom(to), to, interval: "month" };

  const findings: Finding[] = [];
  const problems: ScanResult["problems"] = [];
  let product: Record<string, string> | null = null;
  try {
    product = productQuery(record.product);
  } catch (error) {
    problems.push(...record.watch.map((_, watch) => ({ watch, message: `the product: ${describe(error)}` })));
  }
  if (product !== null) {
    for (const [index, raw] of record.watch.entries()) {
      try {
        findings.push(...(await findingsOf(watchRuleSchema.parse(raw), record, product, window, ask, deps)));
      } catch (error) {
        problems.push({ watch: index, message: describe(error) });
      }
    }
  }

  const { raised, unchanged } = findings.length > 0 ? await raiseFindingAlerts(record, findings) : { raised: [], unchanged: 0 };
  const at = (options.now ?? new Date()).toISOString();
  const failedAll = record.watch.length > 0 && problems.length >= record.watch.length;
  const lastScan = {
    at,
    findings: findings.length,
    alertsRaised: raised.length,
    ...(failedAll ? { error: problems.map((p) => `watch ${p.watch}: ${p.message}`).join("; ").slice(0, 2000) } : {}),
  };
  const updated = (await getWatchlistStore().update(record.id, (r) => ({ ...r, lastScan }))) ?? { ...record, lastScan };
  await recordAudit({
    action: "watchlist.scanned",
    outcome: failedAll ? "failure" : "success",
    ...(by === "schedule" ? { actor: { userId: record.owner, via: "system" as const }, source: {} } : auditBy(by)),
    target: { type: "watchlist", id: record.id, label: record.name.slice(0, 200) },
    details: { findings: findings.length, raised: raised.length, unchanged, problems: problems.length, from: window.from, to: window.to, by: by === "schedule" ? "schedule" : "user" },
  });
  return { watchlist: updated, findings, raised, unchanged, problems };
}
