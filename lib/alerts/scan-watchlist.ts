import "server-only";
import type { ActorContext } from "@/lib/auth/audit-context";
import type { AlertRecord, Finding } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// CONTRACT (issue #12), implemented on branch wt-watch: one scan of one watchlist.

export type ScanResult = {
  watchlist: WatchlistRecord;
  findings: Finding[];
  raised: AlertRecord[];
  unchanged: number;
  /** What went wrong in one watch rule (e.g. too short a series for Farrington), per rule index; the others still ran. */
  problems: { watch: number; message: string }[];
};

/**
 * Recomputes the watched product through the pipeline (each rule in `watch`), turns what crosses its
 * threshold into findings, raises alerts for the new or worse ones (raiseFindingAlerts) and records
 * `lastScan` on the watchlist. `by` is the user who asked (POST /api/watchlists/{id}/scan: owner or
 * admin, else 404) or "schedule" for the scheduled job.
 */
export async function scanWatchlist(by: ActorContext | "schedule", watchlistId: string): Promise<ScanResult> {
  void by;
  void watchlistId;
  throw new Error("scanWatchlist: implemented on branch wt-watch");
}
