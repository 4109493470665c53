// GET /api/faers/anomalies – spikes in a product's report counts (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getAnomalies } from "@/lib/pipeline";
import { productAnomaliesQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/anomalies", permission: "analytics:read", query: productAnomaliesQuerySchema },
  async ({ query, principal }) => cachedJson(await getAnomalies(query, askOfUser(principal))),
);
