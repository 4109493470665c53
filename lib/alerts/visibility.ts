import type { UserPrincipal } from "@/lib/auth/principal";
import type { AlertRecord } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// Who sees what (issue #12): a watchlist and its alerts are visible to its owner, the users it is
// shared with, every analyst when shared with all, and admins; only the owner and admins change it.
// Anyone else gets 404 (the use cases' job). Pure.

type Viewer = Pick<UserPrincipal, "userId" | "role">;

export function canSeeWatchlist(viewer: Viewer, watchlist: Pick<WatchlistRecord, "owner" | "sharing">): boolean {
  if (viewer.role === "admin" || watchlist.owner === viewer.userId) return true;
  if (watchlist.sharing.userIds.includes(viewer.userId)) return true;
  return watchlist.sharing.allAnalysts && viewer.role === "analyst";
}

export function canChangeWatchlist(viewer: Viewer, watchlist: Pick<WatchlistRecord, "owner">): boolean {
  return viewer.role === "admin" || watchlist.owner === viewer.userId;
}

/**
 * An alert is visible as its watchlist is (`watchlist` is that record, or null when it was deleted:
 * then only the owner and admins); a report alert (no watchlist) to the report's owner and admins.
 */
export function canSeeAlert(viewer: Viewer, alert: Pick<AlertRecord, "owner" | "watchlistId">, watchlist: Pick<WatchlistRecord, "owner" | "sharing"> | null): boolean {
  if (viewer.role === "admin" || alert.owner === viewer.userId) return true;
  return alert.watchlistId !== null && watchlist !== null && canSeeWatchlist(viewer, watchlist);
}
