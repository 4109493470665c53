// GET /api/alerts – alerts you can see, newest first: filters state, product, watchlist, since; cursor paging (alerts:read — owner, shared users, all analysts when shared with all, admins)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { listAlerts } from "@/lib/alerts/use-cases/read-alerts";
import { alertListQuerySchema } from "@/lib/schemas/alerts";

export const GET = withApi({ route: "GET /api/alerts", permission: "alerts:read", query: alertListQuerySchema }, async ({ query, principal }) =>
  jsonResponse(await listAlerts(principal, query), { headers: { "cache-control": "no-store" } }),
);
