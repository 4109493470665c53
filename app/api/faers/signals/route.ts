// GET /api/faers/signals – disproportionality (PRR, ROR, IC) of a drug's top reaction terms (public)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { getSignals } from "@/lib/pipeline/get-signals";
import { signalsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/signals", access: "public", query: signalsQuerySchema },
  async ({ query }) => cachedJson(await getSignals(query)),
);
