// The real logger behind the real route wrapper: one request line per call, the request id taken
// from (or given to) x-request-id and carried by every line written inside the request, and nothing
// secret or personal in the output however a handler misbehaves.
import { expect, test } from "vitest";
import { z } from "zod";
import { GET as listAlerts } from "@/app/api/alerts/route";
import { withApi } from "@/lib/api/with-api";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import { createUser } from "@/lib/auth/users";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import { captureLogsPerTest } from "@/tests/support/log-capture";
import { memoryStateStorePerTest } from "@/tests/support/memory-audit";

memoryStateStorePerTest();
const logs = captureLogsPerTest();

const SECRETS = {
  bearer: "cer_pat_SuperSecretTokenValue123",
  password: "correct-horse-battery-staple",
  cookie: "__Host-authjs.session-token=eyJhbGciOiJkaXIifQ.sessionpayload.sig",
  email: "jane.analyst@hospital.example",
};

// A handler that does everything it should not: logs the headers and body it got, and fails with a
// message holding the user's email.
const careless = withApi({ route: "POST /api/[...path]", permission: "public", body: z.object({ email: z.string(), password: z.string() }) }, async ({ req, body }) => {
  logger.info("test.received", { headers: Object.fromEntries(req.headers), body, note: `signing in ${body.email}` });
  throw new Error(`no account for ${body.email} (password ${body.password.length} chars)`);
});

function carelessRequest(headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/whatever", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${SECRETS.bearer}`, cookie: SECRETS.cookie, ...headers },
    body: JSON.stringify({ email: SECRETS.email, password: SECRETS.password }),
  });
}

test("a request carrying a bearer token, a cookie, a password and an email leaves none of them in the log", async () => {
  const response = await careless(carelessRequest(), { params: Promise.resolve({}) });
  expect(response.status).toBe(500);
  const text = logs.text();
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  expect(text).not.toContain("SuperSecretTokenValue");
  expect(text).not.toContain("hospital.example");
  // The lines are there, only censored.
  const events = logs.lines().map((line) => line.event);
  expect(events).toEqual(["test.received", "api.unhandled_error", "api.request"]);
  const received = logs.lines()[0]!;
  expect(received).toMatchObject({ level: "info", service: "cer-analytics", pid: process.pid, headers: { authorization: "[redacted]", cookie: "[redacted]" }, body: { email: "[redacted]", password: "[redacted]" } });
  expect(typeof received.version).toBe("string");
});

test("the request id comes from a well-formed x-request-id, is echoed, and is on every line of the request", async () => {
  const response = await careless(carelessRequest({ "x-request-id": "lb-7f3a:42" }), { params: Promise.resolve({}) });
  expect(response.headers.get("x-request-id")).toBe("lb-7f3a:42");
  const lines = logs.lines();
  expect(lines).toHaveLength(3);
  for (const line of lines) expect(line.requestId).toBe("lb-7f3a:42");
  expect(lines[2]).toMatchObject({ event: "api.request", method: "POST", route: "POST /api/[...path]", status: 500 });
  expect(typeof lines[2]!.ms).toBe("number");
});

test("a malformed or missing x-request-id is replaced by a new UUID", async () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const given of ["has spaces in it", "x".repeat(129), "semi;colon", undefined]) {
    const response = await careless(carelessRequest(given === undefined ? {} : { "x-request-id": given }), { params: Promise.resolve({}) });
    const id = response.headers.get("x-request-id") ?? "";
    expect(id).toMatch(uuid);
    expect(logs.lines().at(-1)).toMatchObject({ event: "api.request", requestId: id });
  }
  // Each request got its own.
  const ids = new Set(logs.lines().filter((l) => l.event === "api.request").map((l) => l.requestId));
  expect(ids.size).toBe(4);
});

test("a signed-in request's line names the user by hash only, and its token never appears", async () => {
  const user = await createUser({ email: SECRETS.email, password: null, role: "viewer" });
  const { token } = await createPersonalToken({ userId: user.id, name: "logs" });
  const response = await listAlerts(new Request("http://localhost/api/alerts", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  const line = logs.lines().find((l) => l.event === "api.request");
  expect(line).toMatchObject({ route: "GET /api/alerts", status: 200, user: hashForLog(user.id) });
  const text = logs.text();
  expect(text).not.toContain(token);
  expect(text).not.toContain(user.id);
  expect(text).not.toContain(SECRETS.email);
});
