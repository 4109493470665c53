// GET /api/faers/trend – reports per month, quarter or year for one drug or device (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getTrend } from "@/lib/pipeline";
import { trendQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/trend", permission: "analytics:read", query: trendQuerySchema },
  async ({ query, principal }) => cachedJson(await getTrend(query, askOfUser(principal))),
);
