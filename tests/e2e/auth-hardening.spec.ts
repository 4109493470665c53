// Token forgery, CSRF, rate limits, fail-closed sign-in and the known proxy-bypass probes, over real
// HTTP against the standalone server (reliability.md §5 S2, S5, S7, S13).
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync, hkdfSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { encode } from "next-auth/jwt";
import { freePort, startPrivateRedis } from "../support/redis";
import { ADMIN, APP_ORIGIN, APP_PORT, cookieHeader, issueToken, postCredentials, readAuthState, SESSION_COOKIE, signInForCookie } from "./auth";
import { spawnStandalone } from "../../scripts/lib/standalone.mjs";

// The e2e server's secret (playwright.config.ts); the API-token key is derived from it as documented:
// HKDF-SHA256(secret, salt "cer-analytics", info "api-access-token v1", 32 bytes).
const SECRET = "e2e-auth-secret-not-for-production-0123456789";
const apiKey = new Uint8Array(hkdfSync("sha256", SECRET, "cer-analytics", "api-access-token v1", 32));
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function statusWithBearer(token: string): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(`${APP_ORIGIN}/api/account/tokens`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json().catch(() => null)) as { error?: { code: string } } | null;
  return { status: response.status, code: body?.error?.code };
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const { users } = readAuthState();
  return { iss: "cer-analytics", aud: "cer-analytics-api", sub: users.admin.id, jti: "forged", iat: now, nbf: now, exp: now + 600, ver: 1, ...overrides };
}

const sign = (payload: Record<string, unknown>, key: Uint8Array = apiKey, alg = "HS256") =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: "JWT" }).sign(key);

test.describe("bearer token forgery → 401", () => {
  test("a genuine token works (control)", async () => {
    expect((await statusWithBearer(await sign(claims()))).status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const forgeries: [string, () => Promise<string>][] = [
    ["alg none", async () => `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims())}.`],
    ["wrong key", () => sign(claims(), new Uint8Array(32).fill(7))],
    ["the raw secret as key", () => sign(claims(), new TextEncoder().encode(SECRET))],
    ["HS512 with the right key", () => sign(claims(), apiKey, "HS512")],
    ["wrong audience", () => sign(claims({ aud: "someone-else" }))],
    ["wrong issuer", () => sign(claims({ iss: "evil" }))],
    ["expired", () => sign(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }))],
    ["not yet valid (future nbf)", () => sign(claims({ nbf: now() + 600 }))],
    ["issued more than 1 h ago", () => sign(claims({ iat: now() - 3700, exp: now() + 600 }))],
    ["no jti", () => sign(claims({ jti: undefined }))],
    [
      "RS256 with an attacker's key pair",
      async () => {
        const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
        return new SignJWT(claims()).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
      },
    ],
    ["the session cookie value", async () => readAuthState().sessionCookies.admin],
    [
      "a session JWE forged with the right secret",
      () => encode({ token: { sub: readAuthState().users.admin.id, sid: "x" }, secret: SECRET, salt: SESSION_COOKIE }),
    ],
    ["a 10 kB token", async () => `${await sign(claims())}${"A".repeat(10_000)}`],
    ["a made-up personal token", async () => `cer_pat_${"A".repeat(43)}`],
  ];
  for (const [name, make] of forgeries) {
    test(name, async () => {
      const result = await statusWithBearer(await make());
      expect(result).toEqual({ status: 401, code: "unauthorized" });
    });
  }

  test("malformed Authorization headers → 401 with the error body", async () => {
    for (const header of ["Basic YWRtaW46cGFzcw==", "Bearer", "Bearer  two spaces", "bearer x y", "Token abc", "Bearer " + "x".repeat(9_000)]) {
      const response = await fetch(`${APP_ORIGIN}/api/faers/trend?drug=LETAIRIS`, { headers: { authorization: header } });
      expect(response.status, header.slice(0, 30)).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  test("with an Authorization header, a valid session cookie is not looked at", async () => {
    const response = await fetch(`${APP_ORIGIN}/api/account/tokens`, {
      headers: { authorization: "Bearer not-a-token", cookie: cookieHeader(readAuthState().sessionCookies.admin) },
    });
    expect(response.status).toBe(401);
  });
});

test.describe("CSRF on state-changing routes", () => {
  const post = (headers: Record<string, string>, contentType = "application/json") =>
    fetch(`${APP_ORIGIN}/api/account/tokens`, {
      method: "POST",
      headers: { cookie: cookieHeader(readAuthState().sessionCookies.analyst), "content-type": contentType, ...headers },
      body: JSON.stringify({ name: "csrf probe" }),
    });

  for (const [name, headers] of [
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["no Origin, Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["no Origin at all (cookie-authenticated)", {}],
    ["an allow-listed CORS origin with a cookie", { origin: "https://allowed.example" }],
  ] as [string, Record<string, string>][]) {
    test(`${name} → 403`, async () => {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    });
  }

  test("a text/plain body (no preflight) from the same origin → 415", async () => {
    expect((await post({ origin: APP_ORIGIN }, "text/plain")).status).toBe(415);
  });

  test("same origin → 201 (control)", async () => {
    expect((await post({ origin: APP_ORIGIN })).status).toBe(201);
  });

  test("sign-in from a foreign origin → 403 before any password check", async () => {
    const { response } = await postCredentials(ADMIN.email, ADMIN.password, APP_ORIGIN, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });

  test("CORS: an allow-listed origin gets ACAO (never *, never credentials); others get none", async () => {
    const pat = readAuthState().analystPat;
    const allowed = await fetch(`${APP_ORIGIN}/api/health`, { headers: { origin: "https://allowed.example" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://allowed.example");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const foreign = await fetch(`${APP_ORIGIN}/api/account/tokens`, { headers: { origin: "https://evil.example", authorization: `Bearer ${pat}` } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${APP_ORIGIN}/api/account/tokens`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

test.describe("rate limits (second server: 3 sign-ins/min, 2 tokens/h, 5 API calls/min)", () => {
  const LIMITED = `http://localhost:${APP_PORT + 1}`;

  test("the 4th sign-in attempt for one email in a minute → 429 with Retry-After", async () => {
    const email = `nobody-${Date.now()}@e2e.test`;
    for (let i = 0; i < 3; i++) {
      const { response } = await postCredentials(email, "wrong-password-123", LIMITED);
      expect(response.status).not.toBe(429);
    }
    const { response } = await postCredentials(email, "wrong-password-123", LIMITED);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    // Sure to pass once the current minute's window ends and 60 s / 3 of the next has passed.
    expect(retryAfter).toBeGreaterThanOrEqual(20);
    expect(retryAfter).toBeLessThanOrEqual(60 + 20);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  test("token issue and API calls are limited per user", async () => {
    const first = await issueToken(ADMIN.email, ADMIN.password, LIMITED);
    expect(first.status).toBe(200);
    const { token } = (await first.json()) as { token: string };
    expect((await issueToken(ADMIN.email, ADMIN.password, LIMITED)).status).toBe(200);
    const third = await issueToken(ADMIN.email, ADMIN.password, LIMITED);
    expect(third.status).toBe(429);
    // A sliding hour: the retry is sure to pass once the current window ends and a share of the
    // next has passed — never sooner than a minute for 2 per hour, never more than two hours.
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(60);
    expect(retryAfter).toBeLessThanOrEqual(2 * 3600);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await fetch(`${LIMITED}/api/account/tokens`, { headers: { authorization: `Bearer ${token}` } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  // Issue #9 (High). After the token test the admin's email is at its limit on this server; a body
  // that names a fresh email first (Auth.js reads the last) or hides JSON behind a form type must not
  // reach the password check, let alone sign in.
  test("an email over its limit stays limited: duplicate fields and ambiguous content types are refused", async () => {
    const probe = await postCredentials(ADMIN.email, "wrong-password-123", LIMITED);
    expect(probe.response.status).toBe(429);
    const csrf = await fetch(`${LIMITED}/api/auth/csrf`);
    const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const send = (contentType: string, body: string) =>
      fetch(`${LIMITED}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": contentType, "x-auth-return-redirect": "1", origin: LIMITED, cookie },
        body,
      });
    const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
    const attempts: [string, string, number][] = [
      ["application/x-www-form-urlencoded", form([["email", `decoy-${Date.now()}@x.test`], ["email", ADMIN.email], ["password", ADMIN.password], ["csrfToken", csrfToken]]), 400],
      ["application/x-www-form-urlencoded", form([["email", ADMIN.email], ["password", "x"], ["password", ADMIN.password], ["csrfToken", csrfToken]]), 400],
      ["application/x-www-form-urlencoded; x=application/json", JSON.stringify({ email: ADMIN.email, password: ADMIN.password, csrfToken }), 415],
      ["application/json", JSON.stringify({ email: ADMIN.email, password: ADMIN.password, csrfToken }), 415],
    ];
    for (const [contentType, body, status] of attempts) {
      const response = await send(contentType, body);
      expect(response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`)), contentType).toBe(false);
      expect(response.status, `${contentType} ${body.slice(0, 60)}`).toBe(status);
      const error = ((await response.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe(status === 400 ? "invalid_input" : "unsupported_media_type");
    }
  });
});

test.describe("the store is down → sign-in fails closed", () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let server: ChildProcess;
  let origin: string;

  test.beforeAll(async () => {
    redis = await startPrivateRedis();
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = spawnStandalone({
      port,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "error",
        REDIS_URL: redis.url,
        AUTH_SECRET: SECRET,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
        RATE_LIMIT_TOKEN_PER_HOUR: "1000",
      },
      stdio: "ignore",
    });
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${origin}/api/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // The first admin is created in the background at boot; wait until a token can be issued.
    for (let i = 0; i < 40; i++) {
      if ((await issueToken(ADMIN.email, ADMIN.password, origin)).status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  test.afterAll(async () => {
    server?.kill("SIGKILL");
    await redis?.stop();
  });

  test("with Redis gone: sign-in, token issue and bearer calls answer 503, never a session or a token", async () => {
    const pat = await (async () => {
      const bearer = ((await (await issueToken(ADMIN.email, ADMIN.password, origin)).json()) as { token: string }).token;
      const response = await fetch(`${origin}/api/account/tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "outage" }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { token: string }).token;
    })();
    await redis.stop();
    const started = Date.now();
    const token = await issueToken(ADMIN.email, ADMIN.password, origin);
    expect(token.status).toBe(503);
    expect(token.headers.get("retry-after")).not.toBeNull();
    const { response, cookies } = await postCredentials(ADMIN.email, ADMIN.password, origin);
    expect(response.status).toBe(503);
    expect(cookies.has(SESSION_COOKIE)).toBe(false);
    const call = await fetch(`${origin}/api/account/tokens`, { headers: { authorization: `Bearer ${pat}` } });
    expect(call.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

test.describe("proxy/middleware bypass probes (S2): no protected content to an anonymous caller", () => {
  const probes: [string, string, Record<string, string>][] = [];
  const subrequestValues = [
    "middleware",
    "src/middleware",
    "middleware:middleware:middleware:middleware:middleware",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    "proxy:proxy:proxy:proxy:proxy",
  ];
  for (const target of ["/api/admin/users", "/api/account/tokens", "/api/admin/audit"]) {
    for (const value of subrequestValues) probes.push([target, `x-middleware-subrequest: ${value}`, { "x-middleware-subrequest": value }]);
    probes.push([target, "RSC: 1", { rsc: "1" }]);
    probes.push([`${target}?_rsc=abc`, "_rsc query", {}]);
    probes.push([`${target}.rsc`, ".rsc suffix", {}]);
    probes.push([`${target}/`, "trailing slash", {}]);
    probes.push([target.toUpperCase(), "upper case", {}]);
    probes.push([target.replace("/api/", "/api%2F"), "encoded slash", {}]);
    probes.push([target.replace("/api/", "/%61pi/"), "encoded letter", {}]);
    probes.push([`/${target}`, "double slash", {}]);
    probes.push([target, "x-now-route-matches", { "x-now-route-matches": "1" }]);
    probes.push([target, "spoofed x-forwarded-host", { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }]);
  }
  for (const page of ["/admin", "/account"]) {
    probes.push([page, "x-middleware-subrequest", { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }]);
    probes.push([page, "RSC: 1", { rsc: "1", "next-router-state-tree": "%5B%22%22%5D" }]);
    probes.push([`${page}?_rsc=abc`, "_rsc query", { rsc: "1" }]);
    probes.push([`${page}.rsc`, ".rsc suffix", {}]);
    probes.push([`${page}.segments/$c$children/__PAGE__.segment.rsc`, "segment rsc", {}]);
    probes.push([`${page}/`, "trailing slash", {}]);
    probes.push([page.toUpperCase(), "upper case", {}]);
  }

  for (const [url, name, headers] of probes) {
    test(`${url} with ${name}`, async () => {
      const response = await fetch(`${APP_ORIGIN}${url}`, { headers, redirect: "manual" });
      const body = await response.text();
      // Never a 200 carrying users, tokens, audit entries or the admin/account UI.
      expect(body).not.toContain(ADMIN.email);
      expect(body).not.toMatch(/"(users|tokens|entries)"\s*:/);
      expect(body).not.toContain("Personal access tokens");
      expect(response.status === 200 && /Users|Audit log/.test(body)).toBe(false);
      expect(response.status).not.toBe(500);
    });
  }
});

// Issue #9 (Info): the session endpoint refreshed the cookie of a session that had been ended server-side.
test("GET /api/auth/session after sign-out: the old cookie is cleared, never re-issued", async () => {
  const cookie = await signInForCookie(ADMIN.email, ADMIN.password);
  const sessionCookieLines = (response: Response) => response.headers.getSetCookie().filter((line) => line.startsWith(`${SESSION_COOKIE}=`));
  const live = await fetch(`${APP_ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(cookie) } });
  expect(sessionCookieLines(live).some((line) => !line.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
  const csrf = await fetch(`${APP_ORIGIN}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signOut = await fetch(`${APP_ORIGIN}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: APP_ORIGIN, cookie: `${cookieHeader(cookie)}; ${csrfCookie}`, "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ csrfToken }),
  });
  expect(signOut.status).toBeLessThan(400);
  const after = await fetch(`${APP_ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(cookie) } });
  expect(after.status).toBe(200);
  expect(await after.json()).toBeNull();
  // Either no session cookie at all or one that clears it (empty value / past expiry).
  for (const line of sessionCookieLines(after)) expect(line).toMatch(new RegExp(`^${SESSION_COOKIE.replace(/[.]/g, "\\.")}=;|Max-Age=0|Expires=Thu, 01 Jan 1970`, "i"));
});
