// GET /api/faers/trend – reports per month, quarter or year for one drug or device (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getFaersFileTrend } from "@/lib/pipeline/faers-files/get-trend";
import { getDataSourceKind } from "@/lib/pipeline/faers-files-deps";
import { getTrend } from "@/lib/pipeline/get-trend";
import { trendQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/trend", permission: "analytics:read", query: trendQuerySchema },
  // FAERS_DATA_DIR set: answer from the imported FAERS files (drugs only); else live openFDA.
  async ({ query }) => cachedJson(getDataSourceKind() === "faers-files" ? await getFaersFileTrend(query) : await getTrend(query)),
);
