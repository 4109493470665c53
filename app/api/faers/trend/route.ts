// GET /api/faers/trend – reports per month, quarter or year for one drug or device (public)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getTrend } from "@/lib/pipeline/get-trend";
import { trendQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/trend", access: "public", query: trendQuerySchema },
  async ({ query }) => cachedJson(await getTrend(query)),
);
