// GET, PATCH /api/alerts/{id} – an alert with its finding, provenance and history; move it through its states (GET alerts:read, PATCH alerts:assess — analysts, admins; alerts you cannot see are 404, illegal moves 409)
import { jsonResponse } from "@/lib/api/respond";
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { moveAlert } from "@/lib/alerts/use-cases/move-alert";
import { getAlert } from "@/lib/alerts/use-cases/read-alerts";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { alertMoveSchema } from "@/lib/schemas/alerts";

export const GET = withApi({ route: "GET /api/alerts/[id]", permission: "alerts:read" }, async ({ params, principal }) =>
  jsonResponse(await getAlert(principal, pathParam(params, "id")), { headers: { "cache-control": "no-store" } }),
);

export const PATCH = withApi(
  { route: "PATCH /api/alerts/[id]", permission: "alerts:assess", body: alertMoveSchema, maxBodyBytes: 16 * 1024 },
  async ({ req, params, body, principal }) => jsonResponse(await moveAlert(actorFromRequest(principal, req), pathParam(params, "id"), body)),
);
