// GET /api/admin/audit – the audit log, newest first, filtered and paged (audit:read — admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { queryAudit } from "@/lib/audit/query-audit";
import { auditQuerySchema } from "@/lib/schemas/audit";

export const GET = withApi({ route: "GET /api/admin/audit", permission: "audit:read", query: auditQuerySchema }, async ({ query }) =>
  jsonResponse(await queryAudit(query)),
);
