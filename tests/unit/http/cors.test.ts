import { describe, expect, test } from "vitest";
import { corsHeaders, isAllowedOrigin, preflightResponse } from "@/lib/http/cors";

const ALLOW = ["https://app.example.com", "http://localhost:5173"];

function preflight(origin: string | null, method = "POST"): Request {
  const headers: Record<string, string> = { "access-control-request-method": method };
  if (origin !== null) headers.origin = origin;
  return new Request("http://localhost:3000/api/faers/trend", { method: "OPTIONS", headers });
}

describe("origin matching", () => {
  test("only exact origins from the list match", () => {
    expect(isAllowedOrigin("https://app.example.com", ALLOW)).toBe(true);
    expect(isAllowedOrigin("http://localhost:5173", ALLOW)).toBe(true);
    for (const origin of [
      "https://evil.example",
      "https://app.example.com.evil.example",
      "https://evil-app.example.com",
      "http://app.example.com", // scheme differs
      "https://app.example.com:8443", // port differs
      "https://APP.example.com", // browsers send lowercase; no case folding
      "https://app.example.com/",
      "null",
      "*",
      "",
    ]) {
      expect(isAllowedOrigin(origin, ALLOW), origin).toBe(false);
    }
    expect(isAllowedOrigin(null, ALLOW)).toBe(false);
  });

  test("an empty list (CORS_ORIGINS unset) allows nothing", () => {
    expect(isAllowedOrigin("https://app.example.com", [])).toBe(false);
    expect(corsHeaders("https://app.example.com", [])).toEqual({ Vary: "Origin" });
  });
});

describe("corsHeaders", () => {
  test("echoes an allowed origin, exposes the API's own headers, never credentials or *", () => {
    const headers = corsHeaders("https://app.example.com", ALLOW);
    expect(headers).toEqual({
      "Access-Control-Allow-Origin": "https://app.example.com",
      Vary: "Origin",
      "Access-Control-Expose-Headers": "Retry-After, X-Request-Id, X-Cache",
    });
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain("access-control-allow-credentials");
  });

  test("gives an unknown or missing origin no CORS grant (only Vary, for caches)", () => {
    expect(corsHeaders("https://evil.example", ALLOW)).toEqual({ Vary: "Origin" });
    expect(corsHeaders(null, ALLOW)).toEqual({ Vary: "Origin" });
    expect(corsHeaders("null", ALLOW)).toEqual({ Vary: "Origin" });
  });
});

describe("preflightResponse", () => {
  test("an allowed origin gets 204 with methods, headers and a 10-minute max-age", async () => {
    const response = preflightResponse(preflight("https://app.example.com", "DELETE"), ALLOW);
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toEqual({
      "access-control-allow-origin": "https://app.example.com",
      "access-control-allow-methods": "GET, POST, PATCH, DELETE",
      "access-control-allow-headers": "Authorization, Content-Type",
      "access-control-max-age": "600",
      vary: "Origin",
    });
    expect(await response.text()).toBe("");
  });

  test("an unknown origin, a null origin or no origin gets 403 and no CORS headers", () => {
    for (const origin of ["https://evil.example", "null", null]) {
      const response = preflightResponse(preflight(origin), ALLOW);
      expect(response.status, String(origin)).toBe(403);
      expect([...response.headers.keys()].filter((k) => k.startsWith("access-control-")), String(origin)).toEqual([]);
      expect(response.headers.get("vary")).toBe("Origin");
    }
  });

  test("with CORS_ORIGINS unset every preflight is refused", () => {
    expect(preflightResponse(preflight("https://app.example.com"), []).status).toBe(403);
  });
});
