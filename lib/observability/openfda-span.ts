import { SpanKind, trace } from "@opentelemetry/api";
import { withSpan } from "@/lib/observability/with-span";

/**
 * The span of one openFDA request (all its attempts). Only the host and the endpoint path are recorded:
 * the key travels in the Authorization header, and the query (search terms) stays out of traces too.
 */
export function withOpenFdaSpan<T extends { kind: string }>(baseUrl: string, endpoint: string, run: () => Promise<T>): Promise<T> {
  return withSpan(
    "openfda.request",
    () => {
      const base = new URL(baseUrl);
      return { "http.request.method": "GET", "server.address": base.hostname, "url.path": `${base.pathname.replace(/\/+$/, "")}/${endpoint}.json`, "openfda.endpoint": endpoint };
    },
    async (span) => {
      const result = await run();
      span.setAttribute("openfda.result", result.kind);
      return result;
    },
    { kind: SpanKind.CLIENT },
  );
}

/** One attempt of the active openFDA request, as a span event (status, or network_error / timeout). */
export function addOpenFdaAttemptEvent(attempt: number, status: number | string, ms: number): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.addEvent("openfda.attempt", { "openfda.attempt": attempt, "openfda.status": String(status), "openfda.ms": ms });
  if (typeof status === "number") span.setAttribute("http.response.status_code", status);
}
