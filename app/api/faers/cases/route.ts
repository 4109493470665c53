// GET /api/faers/cases – normalized line listing, paged with a cursor (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getCases } from "@/lib/pipeline";
import { casesQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/cases", permission: "analytics:read", query: casesQuerySchema },
  async ({ query, principal }) => cachedJson(await getCases(query, askOfUser(principal))),
);
