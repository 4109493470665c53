// POST /api/watchlists/{id}/scan – scan a watchlist now: its findings, the alerts raised, what went wrong per rule (watchlists:manage — owner or admin; others 404)
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { scanWatchlist } from "@/lib/alerts/scan-watchlist";
import { toWatchlistView } from "@/lib/alerts/use-cases/watchlists";
import { actorFromRequest } from "@/lib/auth/audit-context";

export const POST = withApi({ route: "POST /api/watchlists/[id]/scan", permission: "watchlists:manage" }, async ({ req, params, principal }) => {
  const result = await scanWatchlist(actorFromRequest(principal, req), pathParam(params, "id"));
  return jsonResponse({ ...result, watchlist: await toWatchlistView(result.watchlist) }, { headers: { "cache-control": "no-store" } });
});
