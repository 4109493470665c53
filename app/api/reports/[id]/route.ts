// GET, DELETE /api/reports/{id} – a report's record (parameters, data window, snapshot and PDF hashes), cancel or delete it (reports:create — owner or admin; others 404)
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { cancelOrDeleteReport } from "@/lib/reports/use-cases/remove-report";
import { getReport } from "@/lib/reports/use-cases/read-reports";

export const GET = withApi({ route: "GET /api/reports/[id]", permission: "reports:create" }, async ({ params, principal }) =>
  jsonResponse(await getReport(principal, pathParam(params, "id")), { headers: { "cache-control": "no-store" } }),
);

export const DELETE = withApi({ route: "DELETE /api/reports/[id]", permission: "reports:create" }, async ({ req, params, principal }) =>
  jsonResponse(await cancelOrDeleteReport(actorFromRequest(principal, req), pathParam(params, "id"))),
);
