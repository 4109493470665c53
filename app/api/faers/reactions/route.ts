// GET /api/faers/reactions – top reaction terms (drugs) or product problems (devices) by reports (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getReactions } from "@/lib/pipeline";
import { reactionsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/reactions", permission: "analytics:read", query: reactionsQuerySchema },
  async ({ query, principal }) => cachedJson(await getReactions(query, askOfUser(principal))),
);
