import "server-only";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { canSeeAlert } from "@/lib/alerts/visibility";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import type { UserPrincipal } from "@/lib/auth/principal";
import { invalidInput, notFound } from "@/lib/errors/app-error";
import type { AlertListQuery, AlertRecord } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// GET /api/alerts and GET /api/alerts/{id}: only alerts the caller may see (lib/alerts/visibility.ts);
// any other id is "not found", as if it did not exist.

export type AlertPage = { data: AlertRecord[]; nextCursor: string | null };

/** Ids read from the index per round trip while looking for a page's matches. */
const CHUNK = 100;
/** Alerts are indexed in the order they were raised, which may trail createdAt by a moment. */
const SINCE_SLACK_MS = 60_000;

/** Looks up each watchlist once per call (many alerts share one). */
function watchlistLookup(): (id: string) => Promise<WatchlistRecord | null> {
  const seen = new Map<string, Promise<WatchlistRecord | null>>();
  return (id) => {
    let found = seen.get(id);
    if (!found) seen.set(id, (found = getWatchlistStore().get(id)));
    return found;
  };
}

async function visible(principal: UserPrincipal, alert: AlertRecord, watchlist: (id: string) => Promise<WatchlistRecord | null>): Promise<boolean> {
  if (canSeeAlert(principal, alert, null)) return true;
  return alert.watchlistId !== null && canSeeAlert(principal, alert, await watchlist(alert.watchlistId));
}

/** The alert if the caller may see it, else 404 (also for ids that do not exist). */
export async function loadVisibleAlert(principal: UserPrincipal, id: string): Promise<AlertRecord> {
  const alert = await getAlertStore().get(id);
  if (!alert || !(await visible(principal, alert, watchlistLookup()))) throw notFound(`No alert ${id}.`);
  return alert;
}

export async function getAlert(principal: UserPrincipal, id: string): Promise<AlertRecord> {
  return loadVisibleAlert(principal, id);
}

function parseCursor(cursor: string | undefined, count: number): number {
  if (cursor === undefined) return count - 1;
  if (!/^\d{1,12}$/.test(cursor)) throw invalidInput("cursor is not valid; use the nextCursor value of the previous page.", { parameter: "cursor" });
  return Math.min(Number(cursor), count - 1);
}

function sinceMs(since: string | undefined): number | null {
  return since === undefined ? null : new Date(since).getTime();
}

/**
 * Visible alerts, newest first, filtered by state, product name (case-insensitive, exact), watchlist
 * and creation time (`since`). `nextCursor` continues the same query (it is a position in the index the
 * query reads: all alerts, or the watchlist's); null when nothing more matches.
 */
export async function listAlerts(principal: UserPrincipal, query: AlertListQuery): Promise<AlertPage> {
  const alerts = getAlertStore();
  const watchlist = watchlistLookup();
  const count = await alerts.count(query.watchlist);
  const since = sinceMs(query.since);
  const product = query.product?.toLowerCase();
  const matches = (alert: AlertRecord) =>
    (query.state === undefined || alert.state === query.state) &&
    (product === undefined || alert.product.name.toLowerCase() === product) &&
    (query.watchlist === undefined || alert.watchlistId === query.watchlist) &&
    (since === null || Date.parse(alert.createdAt) >= since);

  const data: AlertRecord[] = [];
  let position = parseCursor(query.cursor, count);
  while (position >= 0) {
    const start = Math.max(0, position - CHUNK + 1);
    const ids = await alerts.idsAt(start, position, query.watchlist);
    const records = await Promise.all(ids.map((id) => alerts.get(id)));
    for (let i = records.length - 1; i >= 0; i--) {
      const alert = records[i];
      const at = start + i;
      if (!alert) continue;
      // Older than `since` (with slack for the index's order): nothing further down can match.
      if (since !== null && Date.parse(alert.createdAt) < since - SINCE_SLACK_MS) return { data, nextCursor: null };
      if (!matches(alert) || !(await visible(principal, alert, watchlist))) continue;
      if (data.length === query.limit) return { data, nextCursor: String(at) };
      data.push(alert);
    }
    position = start - 1;
  }
  return { data, nextCursor: null };
}
