// CORS for the JSON API (reliability.md §5 S12). Browsers on another origin may call /api/* only from an
// exact allow-list (CORS_ORIGINS). Cross-origin callers authenticate with a bearer token in the
// Authorization header, never with our cookies: so there is no Access-Control-Allow-Credentials, ever,
// and a cross-origin fetch with `credentials: "include"` fails in the browser by design (our session
// cookie is never usable from another origin's script). The allowed origin is echoed, never `*`.

export const CORS_ALLOWED_METHODS = "GET, POST, PATCH, DELETE";
export const CORS_ALLOWED_HEADERS = "Authorization, Content-Type";
export const CORS_EXPOSED_HEADERS = "Retry-After, X-Request-Id, X-Cache";
/** How long a browser may cache a preflight answer (seconds). */
export const CORS_MAX_AGE_SECONDS = 600;

/** True only for an exact match; `null` (opaque origins, file://, sandboxed frames) never matches. */
export function isAllowedOrigin(origin: string | null, allowList: readonly string[]): origin is string {
  return origin !== null && origin !== "null" && allowList.includes(origin);
}

/**
 * Headers for an actual (non-preflight) API response. An allowed origin gets its own origin echoed;
 * any other gets none, so the browser withholds the response from that page. `Vary: Origin` is sent
 * either way, because the answer depends on the Origin header and shared caches must not mix them up.
 */
export function corsHeaders(origin: string | null, allowList: readonly string[]): Record<string, string> {
  if (!isAllowedOrigin(origin, allowList)) return { Vary: "Origin" };
  return {
    "Access-Control-Allow-Origin": origin,
    Vary: "Origin",
    "Access-Control-Expose-Headers": CORS_EXPOSED_HEADERS,
  };
}

/**
 * The answer to an OPTIONS request on /api/*.
 *
 * Allowed origin: 204 with the methods and headers the API accepts, cached for 10 minutes.
 * Any other origin (or no Origin): 403 with no CORS headers. The browser would block the call after a
 * 204 without Access-Control-Allow-Origin just the same; 403 says so plainly in the network panel and in
 * logs, and does not tell an unknown origin which methods and headers the API takes. Same-origin calls
 * never send a preflight, so the app itself is never refused here.
 */
export function preflightResponse(request: Request, allowList: readonly string[]): Response {
  const origin = request.headers.get("origin");
  if (!isAllowedOrigin(origin, allowList)) {
    return new Response(null, { status: 403, headers: { Vary: "Origin", "Cache-Control": "no-store" } });
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS,
      "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
      "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
      Vary: "Origin",
    },
  });
}
