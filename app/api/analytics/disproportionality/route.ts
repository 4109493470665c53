// POST /api/analytics/disproportionality – PRR, χ², ROR, IC for 2×2 tables, or EBGM over report rows (analytics:read — viewer, analyst, admin)
import { readJsonBodyBytes } from "@/lib/api/read-body";
import { jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { disproportionalityQuerySchema } from "@/lib/schemas/analytics";
import { runAnalytics } from "@/lib/workers/analytics-pool";

// 200,000 report rows of { id, drug, event } fit in about 20 MB of JSON.
const MAX_BODY_BYTES = 40 * 1024 * 1024;

export const POST = withApi(
  { route: "POST /api/analytics/disproportionality", permission: "analytics:read", query: disproportionalityQuerySchema },
  async ({ req, query }) => {
    // Only the bytes are read here: parsing, the schema check and the analysis run in a worker thread
    // (seconds of CPU for 200,000 rows), and the answer comes back as JSON text ready to send.
    const body = await readJsonBodyBytes(req, MAX_BODY_BYTES);
    const json = await runAnalytics("disproportionality", { body, page: query }, [body.buffer as ArrayBuffer]);
    return jsonTextResponse(json, { headers: { "cache-control": "no-store" } });
  },
);
