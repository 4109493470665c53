// GET /api/health – liveness and which backends this instance runs on (public)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { getDataSourceKind } from "@/lib/pipeline";
import type { HealthResponse } from "@/lib/schemas/faers-response";
import { APP_VERSION } from "@/lib/version";

export const GET = withApi({ route: "GET /api/health", permission: "public" }, async () => {
  const store = getCacheStore();
  const cacheReachable = await store.ping();
  const body: HealthResponse = {
    // A cache outage degrades speed, not answers: the app keeps serving uncached.
    status: cacheReachable ? "ok" : "degraded",
    cache: store.kind,
    cacheReachable,
    jobs: "local",
    source: getDataSourceKind(),
    version: APP_VERSION,
  };
  return jsonResponse(body, { headers: { "cache-control": "no-store" } });
});
