// GET /api/metrics – Prometheus exposition: with METRICS_TOKEN, that bearer token only; without it, signed-in admins (checked here)
import { createHash, timingSafeEqual } from "node:crypto";
import { withApi } from "@/lib/api/with-api";
import { auditSource } from "@/lib/auth/audit-context";
import { authorizeAudited } from "@/lib/auth/authorize";
import { resolvePrincipal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import { unauthorized } from "@/lib/errors/app-error";
import { getMetricsRegistry } from "@/lib/observability/metrics";
import { registerScrapeSources } from "@/lib/observability/scrape-sources";

const ROUTE = "GET /api/metrics";

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong byte. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function assertMayScrape(req: Request): Promise<void> {
  const token = getEnv().METRICS_TOKEN;
  if (token === undefined) {
    // No scraper token: the metrics are for admins, through their session or their own tokens.
    await authorizeAudited(await resolvePrincipal(req), "metrics:read", ROUTE, auditSource(req));
    return;
  }
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1] || !sameToken(match[1], token)) {
    throw unauthorized("Send Authorization: Bearer <METRICS_TOKEN> to read the metrics.");
  }
}

// "public" in the route table: the wrapper resolves no user, because with METRICS_TOKEN set the token
// is not a user credential; the check above is this route's own.
export const GET = withApi({ route: ROUTE, permission: "public" }, async ({ req }) => {
  await assertMayScrape(req);
  registerScrapeSources();
  const registry = getMetricsRegistry();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
