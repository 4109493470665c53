// GET /api/faers/signals – disproportionality (PRR, ROR, IC) of a drug's top reaction terms (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getSignals } from "@/lib/pipeline";
import { signalsQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/signals", permission: "analytics:read", query: signalsQuerySchema },
  async ({ query, principal }) => cachedJson(await getSignals(query, askOfUser(principal))),
);
