// GET /api/faers/reactions – top reaction terms (drugs) or product problems (devices) by reports (public)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getReactions } from "@/lib/pipeline/get-reactions";
import { reactionsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/reactions", access: "public", query: reactionsQuerySchema },
  async ({ query }) => cachedJson(await getReactions(query)),
);
