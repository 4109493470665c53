// GET /api/faers/summary – breakdowns by seriousness, outcome, sex, age band, country, reporter (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getFaersFileSummary } from "@/lib/pipeline/faers-files/get-summary";
import { getDataSourceKind } from "@/lib/pipeline/faers-files-deps";
import { getSummary } from "@/lib/pipeline/get-summary";
import { summaryQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/summary", permission: "analytics:read", query: summaryQuerySchema },
  // FAERS_DATA_DIR set: answer from the imported FAERS files (drugs only); else live openFDA.
  async ({ query }) => cachedJson(getDataSourceKind() === "faers-files" ? await getFaersFileSummary(query) : await getSummary(query)),
);
