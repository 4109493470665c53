// GET, POST /api/reports – list your CER reports (admins: all), request a new one (reports:create — analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { requestReport } from "@/lib/reports/use-cases/request-report";
import { listReports } from "@/lib/reports/use-cases/read-reports";
import { reportRequestSchema } from "@/lib/schemas/reports";

export const GET = withApi({ route: "GET /api/reports", permission: "reports:create" }, async ({ principal }) =>
  jsonResponse({ data: await listReports(principal) }, { headers: { "cache-control": "no-store" } }),
);

export const POST = withApi(
  { route: "POST /api/reports", permission: "reports:create", body: reportRequestSchema, maxBodyBytes: 64 * 1024 },
  async ({ req, body, principal }) => {
    const { reportId, taskId } = await requestReport(actorFromRequest(principal, req), body);
    return jsonResponse({ reportId, taskId }, { status: 202, headers: { location: `/api/tasks/${taskId}`, "cache-control": "no-store" } });
  },
);
