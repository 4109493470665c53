// GET /api/reports/{id}/changes – what changed since the report it was compared with (reports:create — owner or admin; others 404)
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { getReportChanges } from "@/lib/reports/use-cases/read-report-changes";

export const GET = withApi({ route: "GET /api/reports/[id]/changes", permission: "reports:create" }, async ({ params, principal }) =>
  jsonResponse(await getReportChanges(principal, pathParam(params, "id")), { headers: { "cache-control": "no-store" } }),
);
