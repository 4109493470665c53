import { NextRequest } from "next/server";
import { afterEach, describe, expect, test } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { config, proxy } from "@/proxy";

const ORIGINAL = { CORS_ORIGINS: process.env.CORS_ORIGINS, AUTH_URL: process.env.AUTH_URL };

afterEach(() => {
  for (const [name, value] of Object.entries(ORIGINAL)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
});

function withCorsOrigins(value: string): void {
  process.env.CORS_ORIGINS = value;
  resetEnvForTests();
}

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

describe("pages", () => {
  test("get a nonce CSP on the response and, for Next to stamp its scripts, on the request", () => {
    const response = proxy(new NextRequest("http://localhost:3000/products/drug/ASPIRIN"));
    const csp = response.headers.get("content-security-policy");
    const nonce = nonceOf(csp);
    expect(nonce).toBeDefined();
    expect(csp).toContain("'strict-dynamic'");
    // NextResponse.next({ request: { headers } }) hands the new request headers to Next this way.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  test("every request gets its own nonce", () => {
    const a = proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy");
    const b = proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy");
    expect(nonceOf(a)).not.toBe(nonceOf(b));
  });

  test("are never answered or redirected here: the proxy authorizes nothing", () => {
    const response = proxy(new NextRequest("http://localhost:3000/admin", { headers: { cookie: "x=1" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("server-action posts to pages", () => {
  const post = (headers: Record<string, string>, path = "/account") =>
    proxy(new NextRequest(`http://localhost:3000${path}`, { method: "POST", headers: { host: "localhost:3000", "next-action": "7f00", ...headers } }));

  async function expectRefused(response: Response, message: RegExp): Promise<void> {
    expect(response.status).toBe(403);
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(message);
  }

  test("from this site pass through to Next, with the page's nonce CSP", () => {
    const response = post({ origin: "http://localhost:3000" });
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(nonceOf(response.headers.get("content-security-policy"))).toBeDefined();
  });

  test("with a foreign Origin get 403 and the error body (Next would answer 500)", async () => {
    await expectRefused(post({ origin: "http://evil.example" }), /Origin is not this site/);
  });

  test("a foreign Origin with a matching X-Forwarded-Host is still foreign (Next would run it)", async () => {
    await expectRefused(post({ origin: "http://evil.example", "x-forwarded-host": "evil.example" }), /Origin is not this site/);
  });

  test("with Origin null, or none at all (Next would run it), get 403", async () => {
    await expectRefused(post({ origin: "null" }), /Origin null/);
    await expectRefused(post({}), /needs this site's Origin/);
  });

  test("a form post without the Next-Action header is an action call too", async () => {
    const response = proxy(
      new NextRequest("http://localhost:3000/admin", {
        method: "POST",
        headers: { host: "localhost:3000", origin: "http://evil.example", "content-type": "multipart/form-data; boundary=x" },
      }),
    );
    await expectRefused(response, /Origin is not this site/);
  });

  test("with AUTH_URL set, only its origin passes", async () => {
    process.env.AUTH_URL = "https://cer.example.com";
    resetEnvForTests();
    expect(post({ origin: "https://cer.example.com" }).headers.get("x-middleware-next")).toBe("1");
    await expectRefused(post({ origin: "http://localhost:3000" }), /Origin is not this site/);
  });

  test("GETs of pages are never refused for their Origin", () => {
    const response = proxy(new NextRequest("http://localhost:3000/account", { headers: { origin: "http://evil.example" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("API", () => {
  test("responses get the no-content CSP and pass through to the route handler", () => {
    const response = proxy(new NextRequest("http://localhost:3000/api/faers/trend?drug=x"));
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });

  test("a preflight from an allowed origin is answered here with 204", () => {
    withCorsOrigins("https://app.example.com,http://localhost:5173");
    const response = proxy(
      new NextRequest("http://localhost:3000/api/faers/trend", {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
      }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBeNull();
  });

  test("a preflight from anywhere else is refused, and with CORS_ORIGINS unset from everywhere", () => {
    withCorsOrigins("https://app.example.com");
    const evil = proxy(
      new NextRequest("http://localhost:3000/api/faers/trend", {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
      }),
    );
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();

    withCorsOrigins("");
    const allowedBefore = proxy(
      new NextRequest("http://localhost:3000/api/health", {
        method: "OPTIONS",
        headers: { origin: "https://app.example.com", "access-control-request-method": "GET" },
      }),
    );
    expect(allowedBefore.status).toBe(403);
    expect(allowedBefore.headers.get("access-control-allow-origin")).toBeNull();
  });
});

test("the matcher takes pages and API preflights; build assets, the favicon and plain API calls skip the proxy", () => {
  const [source, preflight] = config.matcher;
  // Next compiles the source with path-to-regexp; its one group is a plain regular expression.
  const group = /^\/\((.*)\)$/.exec(typeof source === "string" ? source : "")?.[1];
  expect(group).toBeDefined();
  const matches = (path: string) => new RegExp(`^/${group}$`).test(path);
  for (const path of ["/", "/products/drug/ASPIRIN", "/no-such-page", "/signin", "/apidocs", "/admin"]) {
    expect(matches(path), path).toBe(true);
  }
  for (const path of ["/_next/static/chunks/app.js", "/_next/image", "/favicon.svg", "/api/health", "/api/nope", "/api"]) {
    expect(matches(path), path).toBe(false);
  }
  // API requests reach the proxy only as CORS preflights.
  expect(preflight).toEqual({ source: "/api/:path*", has: [{ type: "header", key: "access-control-request-method" }] });
});
