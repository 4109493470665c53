// GET /api/health – readiness (503 "starting" until the first admin exists) and which backends this instance runs on (public)
import { jsonResponse } from "@/lib/api/respond";
import { openAlertStreamCount } from "@/lib/alerts/alert-stream";
import { withApi } from "@/lib/api/with-api";
import { BOOT_RETRY_AFTER_SECONDS, isBootReady } from "@/lib/boot/boot-state";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { getEnv } from "@/lib/env";
import { getDataSourceKind } from "@/lib/pipeline";
import type { HealthResponse } from "@/lib/schemas/faers-response";
import { APP_VERSION } from "@/lib/version";

export const GET = withApi({ route: "GET /api/health", permission: "public" }, async () => {
  const store = getCacheStore();
  const cacheReachable = await store.ping();
  // Ready only once the first admin exists, so a sign-in right after a 200 succeeds.
  const ready = isBootReady();
  const body: HealthResponse = {
    // A cache outage degrades speed, not answers: the app keeps serving uncached.
    status: !ready ? "starting" : cacheReachable ? "ok" : "degraded",
    cache: store.kind,
    cacheReachable,
    jobs: getEnv().JOBS_PROVIDER,
    source: getDataSourceKind(),
    version: APP_VERSION,
    sse: { open: openAlertStreamCount() },
  };
  if (!ready) return jsonResponse(body, { status: 503, headers: { "cache-control": "no-store", "retry-after": String(BOOT_RETRY_AFTER_SECONDS) } });
  return jsonResponse(body, { headers: { "cache-control": "no-store" } });
});
