// GET /api/ready – readiness for a load balancer: 503 + Retry-After until start-up is done, the store answers and the job provider can run jobs (public)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { BOOT_RETRY_AFTER_SECONDS } from "@/lib/boot/boot-state";
import { getReadiness } from "@/lib/health/readiness";

/** After start-up, a failing dependency is not fixed in a second: callers wait a little longer. */
const NOT_READY_RETRY_AFTER_SECONDS = 5;

export const GET = withApi({ route: "GET /api/ready", permission: "public" }, async () => {
  const body = await getReadiness();
  if (body.status === "ready") return jsonResponse(body, { headers: { "cache-control": "no-store" } });
  // From the answer itself, not asked again: boot may have finished since its checks ran.
  const retryAfter = body.checks.startup.ok ? NOT_READY_RETRY_AFTER_SECONDS : BOOT_RETRY_AFTER_SECONDS;
  return jsonResponse(body, { status: 503, headers: { "cache-control": "no-store", "retry-after": String(retryAfter) } });
});
