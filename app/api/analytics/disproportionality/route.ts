// POST /api/analytics/disproportionality – PRR, χ², ROR, IC for 2×2 tables, or EBGM over report rows (analytics:read — viewer, analyst, admin)
import { InvalidTableError } from "@/lib/analytics/disproportionality";
import { jsonResponse } from "@/lib/api/respond";
import { runWithInputErrors } from "@/lib/api/rethrow-input-error";
import { withApi } from "@/lib/api/with-api";
import { analyzeDisproportionality } from "@/lib/pipeline/analyze-disproportionality";
import { disproportionalityBodySchema } from "@/lib/schemas/analytics";

export const POST = withApi(
  {
    route: "POST /api/analytics/disproportionality",
    permission: "analytics:read",
    body: disproportionalityBodySchema,
    // 200,000 report rows of { id, drug, event } fit in about 20 MB of JSON.
    maxBodyBytes: 40 * 1024 * 1024,
  },
  async ({ body }) =>
    jsonResponse(runWithInputErrors(() => analyzeDisproportionality(body), [InvalidTableError]), { headers: { "cache-control": "no-store" } }),
);
