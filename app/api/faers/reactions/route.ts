// GET /api/faers/reactions – top reaction terms (drugs) or product problems (devices) by reports (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getFaersFileReactions } from "@/lib/pipeline/faers-files/get-reactions";
import { getDataSourceKind } from "@/lib/pipeline/faers-files-deps";
import { getReactions } from "@/lib/pipeline/get-reactions";
import { reactionsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/reactions", permission: "analytics:read", query: reactionsQuerySchema },
  // FAERS_DATA_DIR set: answer from the imported FAERS files (drugs only); else live openFDA.
  async ({ query }) => cachedJson(getDataSourceKind() === "faers-files" ? await getFaersFileReactions(query) : await getReactions(query)),
);
