// GET, PATCH, DELETE /api/watchlists/{id} – one watchlist (alerts:read — whoever can see it), change or delete it (watchlists:manage — owner or admin); anyone else gets 404
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { deleteWatchlist, getWatchlist, updateWatchlist } from "@/lib/alerts/use-cases/watchlists";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { watchlistPatchSchema } from "@/lib/schemas/watchlists";

export const GET = withApi({ route: "GET /api/watchlists/[id]", permission: "alerts:read" }, async ({ params, principal }) =>
  jsonResponse(await getWatchlist(principal, pathParam(params, "id")), { headers: { "cache-control": "no-store" } }),
);

export const PATCH = withApi(
  { route: "PATCH /api/watchlists/[id]", permission: "watchlists:manage", body: watchlistPatchSchema, maxBodyBytes: 64 * 1024 },
  async ({ req, params, body, principal }) => jsonResponse(await updateWatchlist(actorFromRequest(principal, req), pathParam(params, "id"), body)),
);

export const DELETE = withApi({ route: "DELETE /api/watchlists/[id]", permission: "watchlists:manage" }, async ({ req, params, principal }) =>
  jsonResponse(await deleteWatchlist(actorFromRequest(principal, req), pathParam(params, "id"))),
);
