import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { requestParentContext } from "@/lib/observability/trace-context";
import { withSpan } from "@/lib/observability/with-span";

/**
 * The API request's span, named "<METHOD> <route>" (the route-table key, e.g. "GET /api/faers/trend"),
 * with the HTTP semantic-convention attributes; 5xx answers mark it as an error. No query string, no
 * headers: they may carry tokens.
 */
export function withRequestSpan(route: string, req: Request, handle: () => Promise<Response>): Promise<Response> {
  return withSpan(
    route,
    () => ({ "http.request.method": req.method, "http.route": route.slice(route.indexOf(" ") + 1), "url.path": new URL(req.url).pathname }),
    async (span) => {
      const response = await handle();
      span.setAttribute("http.response.status_code", response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    },
    { parent: requestParentContext(req.headers), kind: SpanKind.SERVER },
  );
}
