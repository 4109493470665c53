import "server-only";
import { currentCacheLoad } from "@/lib/cache/cache-load-context";
import { logger } from "@/lib/observability/logger";
import { appMetrics, safely } from "@/lib/observability/metrics";
import { scrubText } from "@/lib/observability/log-redaction";
import type { OpenFdaEndpoint } from "@/lib/sources/openfda/fields";

export type OpenFdaAttempt = { endpoint: OpenFdaEndpoint; search?: string; attempt: number; status: number | "network_error" | "timeout"; ms: number };

/** Searches longer than this are summarised by length: a log line is not the place for a query dump. */
const MAX_LOGGED_SEARCH = 200;

/** What went wrong with one attempt, as the error metric names it; null when openFDA answered (200, or 404 "no matches"). */
export function openFdaErrorKind(status: OpenFdaAttempt["status"]): "timeout" | "network" | "rate_limited" | "http_5xx" | "http_4xx" | null {
  if (status === "timeout") return "timeout";
  if (status === "network_error") return "network";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "http_5xx";
  if (status >= 400 && status !== 404) return "http_4xx";
  return null;
}

/**
 * One openFDA attempt: a log line (endpoint, status, duration, attempt, why the call was made — a
 * cache miss or an expired entry) and the metrics. The URL is never logged: the key travels as HTTP
 * Basic, but a search is user input, so only a short one, scrubbed, is kept.
 */
export function recordOpenFdaAttempt(event: OpenFdaAttempt): void {
  const status = event.status === "network_error" ? "network" : String(event.status);
  const kind = openFdaErrorKind(event.status);
  safely(() => {
    const metrics = appMetrics();
    metrics.openFdaRequestDuration.observe({ endpoint: event.endpoint, status }, event.ms / 1000);
    if (kind !== null) metrics.openFdaErrors.inc({ endpoint: event.endpoint, kind });
    if (event.status === 429) metrics.openFdaRateLimited.inc({ endpoint: event.endpoint });
  });
  const search = event.search === undefined ? undefined : event.search.length <= MAX_LOGGED_SEARCH ? scrubText(event.search) : `[${event.search.length} chars]`;
  const fields = { endpoint: event.endpoint, status, ms: event.ms, attempt: event.attempt, cache: currentCacheLoad(), search };
  if (kind === null) logger.info("openfda.request", fields);
  else logger.warn("openfda.request", { ...fields, error: kind });
}
