// GET /api/health – liveness: 200 whenever the process serves (status "starting" during boot), and which backends this instance runs on (public). Readiness is GET /api/ready.
import { jsonResponse } from "@/lib/api/respond";
import { openAlertStreamCount } from "@/lib/alerts/alert-stream";
import { withApi } from "@/lib/api/with-api";
import { isBootReady } from "@/lib/boot/boot-state";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { getEnv } from "@/lib/env";
import { getDataSourceKind } from "@/lib/pipeline";
import type { HealthResponse } from "@/lib/schemas/faers-response";
import { APP_VERSION } from "@/lib/version";

export const GET = withApi({ route: "GET /api/health", permission: "public" }, async () => {
  const store = getCacheStore();
  const cacheReachable = await store.ping();
  const body: HealthResponse = {
    // A cache outage degrades speed, not answers: the app keeps serving uncached. Never a 503 here: a
    // liveness probe that failed on a dependency would restart a process that is fine.
    status: !isBootReady() ? "starting" : cacheReachable ? "ok" : "degraded",
    cache: store.kind,
    cacheReachable,
    jobs: getEnv().JOBS_PROVIDER,
    source: getDataSourceKind(),
    version: APP_VERSION,
    sse: { open: openAlertStreamCount() },
  };
  return jsonResponse(body, { headers: { "cache-control": "no-store" } });
});
