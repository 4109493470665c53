// GET /api/faers/summary – breakdowns by seriousness, outcome, sex, age band, country, reporter (public)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getSummary } from "@/lib/pipeline/get-summary";
import { summaryQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/summary", access: "public", query: summaryQuerySchema },
  async ({ query }) => cachedJson(await getSummary(query)),
);
