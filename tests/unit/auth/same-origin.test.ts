import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { parseServerEnv } from "@/lib/env";

// S7: CSRF defence for state-changing route handlers.

const HOST = "app.example";
const ALLOWED = "https://tools.partner.example";
const CORS = [ALLOWED];

function req(method: string, headers: Record<string, string>): Request {
  return new Request(`https://${HOST}/api/account/tokens`, { method, headers: { host: HOST, ...headers } });
}

function outcome(request: Request, cookieAuthenticated: boolean, corsOrigins: readonly string[] = CORS): "ok" | number {
  try {
    assertSameOrigin(request, { cookieAuthenticated, corsOrigins });
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe("forbidden");
    return error.status;
  }
}

const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"];

describe("state-changing methods", () => {
  test.each(STATE_CHANGING)("%s from https://evil.example → 403 (cookie or bearer)", (method) => {
    expect(outcome(req(method, { origin: "https://evil.example" }), true)).toBe(403);
    expect(outcome(req(method, { origin: "https://evil.example" }), false)).toBe(403);
  });

  test.each(STATE_CHANGING)("%s with Origin: null → 403 (cookie or bearer)", (method) => {
    expect(outcome(req(method, { origin: "null" }), true)).toBe(403);
    expect(outcome(req(method, { origin: "null" }), false)).toBe(403);
  });

  test("\"null\" cannot be put on the CORS allow-list (nor \"*\")", () => {
    // (Today these throw a bare "Invalid URL" TypeError from the schema's refine rather than an EnvError
    // naming the variable; either way the value is refused.)
    expect(() => parseServerEnv({ CORS_ORIGINS: "null" })).toThrow();
    expect(() => parseServerEnv({ CORS_ORIGINS: "*" })).toThrow();
    expect(() => parseServerEnv({ CORS_ORIGINS: `${ALLOWED}/path` })).toThrow(/CORS_ORIGINS/);
    expect(parseServerEnv({ CORS_ORIGINS: ALLOWED }).CORS_ORIGINS).toEqual([ALLOWED]);
  });

  test("no Origin + Sec-Fetch-Site: cross-site or same-site → 403", () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(outcome(req("POST", { "sec-fetch-site": site }), true), site).toBe(403);
      expect(outcome(req("POST", { "sec-fetch-site": site }), false), site).toBe(403);
    }
  });

  test("same host → ok, with cookie or bearer, with or without a port", () => {
    expect(outcome(req("POST", { origin: `https://${HOST}` }), true)).toBe("ok");
    expect(outcome(req("DELETE", { origin: `https://${HOST}`, "sec-fetch-site": "same-origin" }), true)).toBe("ok");
    expect(outcome(req("POST", { origin: `https://${HOST}` }), false)).toBe("ok");
    const withPort = new Request(`https://${HOST}:8443/api/x`, { method: "POST", headers: { host: `${HOST}:8443`, origin: `https://${HOST}:8443` } });
    expect(outcome(withPort, true)).toBe("ok");
  });

  test("look-alike origins are not the same host", () => {
    for (const origin of [
      `https://${HOST}.evil.example`,
      `https://evil-${HOST}`,
      `https://${HOST}:8443`,
      `https://sub.${HOST}`,
      `https://${HOST}@evil.example`,
      "not a url",
    ]) {
      expect(outcome(req("POST", { origin }), true), origin).toBe(403);
    }
  });

  test("no Origin + cookie-authenticated → 403; with Sec-Fetch-Site same-origin → ok", () => {
    expect(outcome(req("POST", {}), true)).toBe(403);
    expect(outcome(req("POST", { "sec-fetch-site": "same-origin" }), true)).toBe("ok");
  });

  test("no Origin + bearer (a script) → ok", () => {
    expect(outcome(req("POST", {}), false)).toBe("ok");
    expect(outcome(req("DELETE", { "sec-fetch-site": "none" }), false)).toBe("ok");
  });

  test("allow-listed CORS origin + bearer → ok; + cookie → 403", () => {
    expect(outcome(req("POST", { origin: ALLOWED }), false)).toBe("ok");
    expect(outcome(req("POST", { origin: ALLOWED }), true)).toBe(403);
    // Exact match only.
    expect(outcome(req("POST", { origin: `${ALLOWED}:444` }), false)).toBe(403);
    expect(outcome(req("POST", { origin: "http://tools.partner.example" }), false)).toBe(403);
  });

  test("cross-origin with an empty allow-list → 403 for bearer too", () => {
    expect(outcome(req("POST", { origin: ALLOWED }), false, [])).toBe(403);
  });
});

describe("safe methods are never checked", () => {
  test.each(["GET", "HEAD", "OPTIONS"])("%s from evil, null or cross-site → ok", (method) => {
    const variants: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, {}];
    for (const headers of variants) {
      expect(outcome(req(method, headers), true)).toBe("ok");
      expect(outcome(req(method, headers), false)).toBe("ok");
    }
  });
});

// Issue #9 (Info): with AUTH_URL set, Origin must equal its origin, scheme and port included; the Host
// header (which a proxy may rewrite, or a client set) is then not what is compared.
describe("with a configured public URL (AUTH_URL)", () => {
  const PUBLIC_URL = `https://${HOST}`;
  function withPublicUrl(request: Request, cookieAuthenticated: boolean): "ok" | number {
    try {
      assertSameOrigin(request, { cookieAuthenticated, corsOrigins: CORS, publicUrl: PUBLIC_URL });
      return "ok";
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return error.status;
    }
  }

  test("its exact origin → ok (cookie or bearer)", () => {
    expect(withPublicUrl(req("POST", { origin: PUBLIC_URL }), true)).toBe("ok");
    expect(withPublicUrl(req("POST", { origin: PUBLIC_URL }), false)).toBe("ok");
  });

  test("the same host over http (another scheme) → 403", () => {
    expect(withPublicUrl(req("POST", { origin: `http://${HOST}` }), true)).toBe(403);
  });

  test("an Origin matching a forged Host header but not AUTH_URL → 403", () => {
    const forged = new Request(`https://${HOST}/api/account/tokens`, { method: "POST", headers: { host: "evil.example", origin: "https://evil.example" } });
    expect(withPublicUrl(forged, true)).toBe(403);
  });

  test("bearer calls from an allow-listed CORS origin still pass; cookies from it do not", () => {
    expect(withPublicUrl(req("POST", { origin: ALLOWED }), false)).toBe("ok");
    expect(withPublicUrl(req("POST", { origin: ALLOWED }), true)).toBe(403);
  });
});

test("without AUTH_URL, Host is what is compared (TLS may end at a proxy, so the scheme cannot be known)", () => {
  expect(outcome(req("POST", { origin: `http://${HOST}` }), true)).toBe("ok");
});
