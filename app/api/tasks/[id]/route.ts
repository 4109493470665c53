// GET /api/tasks/{id} – a background task's status and progress (reports:create — its owner or an admin; others 404)
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { getTask } from "@/lib/reports/use-cases/read-reports";

export const GET = withApi({ route: "GET /api/tasks/[id]", permission: "reports:create" }, async ({ params, principal }) =>
  jsonResponse(await getTask(principal, pathParam(params, "id")), { headers: { "cache-control": "no-store" } }),
);
