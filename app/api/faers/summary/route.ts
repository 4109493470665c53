// GET /api/faers/summary – breakdowns by seriousness, outcome, sex, age band, country, reporter (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getSummary } from "@/lib/pipeline";
import { summaryQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/summary", permission: "analytics:read", query: summaryQuerySchema },
  async ({ query, principal }) => cachedJson(await getSummary(query, askOfUser(principal))),
);
