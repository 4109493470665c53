// GET, POST /api/watchlists – the watchlists you can see (own, shared with you, shared with all analysts; admins: all) (alerts:read), create one (watchlists:manage — analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createWatchlist, listWatchlists } from "@/lib/alerts/use-cases/watchlists";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { watchlistInputSchema } from "@/lib/schemas/watchlists";

export const GET = withApi({ route: "GET /api/watchlists", permission: "alerts:read" }, async ({ principal }) =>
  jsonResponse({ data: await listWatchlists(principal) }, { headers: { "cache-control": "no-store" } }),
);

export const POST = withApi(
  { route: "POST /api/watchlists", permission: "watchlists:manage", body: watchlistInputSchema, maxBodyBytes: 64 * 1024 },
  async ({ req, body, principal }) => {
    const watchlist = await createWatchlist(actorFromRequest(principal, req), body);
    return jsonResponse(watchlist, { status: 201, headers: { location: `/api/watchlists/${watchlist.id}`, "cache-control": "no-store" } });
  },
);
