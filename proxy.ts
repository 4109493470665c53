// Proxy (Next 16's name for middleware): response headers and the CSP nonce, CORS preflights, and the
// same-origin check of server-action posts. It does NOT authorize anything: every route handler, action
// and data function checks the caller itself (reliability.md §1.3; a proxy can be skipped by a matcher
// change or a bypass bug, CVE-2025-29927), and the action client repeats the Origin check.
// The static hardening headers (HSTS, nosniff, …) come from next.config.mjs `headers()`, which also
// reaches static files and responses that never pass through here.
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { preflightResponse } from "@/lib/http/cors";
import { actionOriginRefusal } from "@/lib/http/action-origin";
import { hasMalformedPercentEncoding, MALFORMED_PATH_MESSAGE } from "@/lib/http/malformed-path";
import { API_CSP, buildPageCsp, generateNonce } from "@/lib/http/csp";

function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * A POST to a page is a server-action call: by its Next-Action header, or, from a form submitted before
 * JavaScript ran, by a field in its body. Next lets one without Origin run and answers a foreign or
 * `null` one with a 500 (stack.md P28); here both get a 403 with the one error body.
 */
function refuseCrossOriginAction(request: NextRequest): Response | null {
  if (request.method !== "POST") return null;
  const refusal = actionOriginRefusal(request.headers.get("origin"), { publicUrl: getEnv().AUTH_URL, host: request.headers.get("host") });
  if (refusal === null) return null;
  return Response.json(
    { error: { code: "forbidden", message: refusal } },
    { status: 403, headers: { "cache-control": "no-store", "content-security-policy": API_CSP } },
  );
}

export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;

  // Next would answer a broken %-escape in a dynamic segment with a bare text/plain 500.
  if (hasMalformedPercentEncoding(pathname)) {
    return Response.json(
      { error: { code: "invalid_input", message: MALFORMED_PATH_MESSAGE } },
      { status: 400, headers: { "cache-control": "no-store", "content-security-policy": API_CSP } },
    );
  }

  if (isApiPath(pathname)) {
    // Route handlers never see OPTIONS: the preflight is answered here, from the CORS allow-list.
    const response =
      request.method === "OPTIONS" ? preflightResponse(request, getEnv().CORS_ORIGINS) : NextResponse.next();
    response.headers.set("Content-Security-Policy", API_CSP);
    return response;
  }

  const refused = refuseCrossOriginAction(request);
  if (refused !== null) return refused;

  // Pages: a fresh nonce per request. Next reads it from the request's CSP header and stamps it on its
  // inline and chunk scripts (and its own inline styles); the browser enforces the response's copy.
  const nonce = generateNonce();
  const csp = buildPageCsp(nonce, { dev: getEnv().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only, plus CORS preflights to /api. Build assets, the image optimizer and the favicon need
  // no nonce; ordinary API calls skip the proxy entirely (it cost them ~1 ms of CPU each — bench
  // "trend"): their CSP, like the other static headers, comes from next.config.mjs.
  matcher: [
    "/((?!api/|api$|_next/static|_next/image|favicon\\.svg).*)",
    { source: "/api/:path*", has: [{ type: "header", key: "access-control-request-method" }] },
    // API paths with a %-escape, so a broken one is refused here too (ordinary API calls still skip the proxy).
    "/api/:path(.*%.*)",
  ],
};
