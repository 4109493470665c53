// GET /api/faers/signals – disproportionality (PRR, ROR, IC) of a drug's top reaction terms (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getFaersFileSignals } from "@/lib/pipeline/faers-files/get-signals";
import { getDataSourceKind } from "@/lib/pipeline/faers-files-deps";
import { getSignals } from "@/lib/pipeline/get-signals";
import { signalsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/signals", permission: "analytics:read", query: signalsQuerySchema },
  // FAERS_DATA_DIR set: answer from the imported FAERS files (drugs only); else live openFDA.
  async ({ query }) => cachedJson(getDataSourceKind() === "faers-files" ? await getFaersFileSignals(query) : await getSignals(query)),
);
