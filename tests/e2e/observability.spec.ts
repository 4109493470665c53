// Logs and metrics of a real the standalone server (its own, so its stdout is ours to read): after sign-ins,
// API calls with tokens and a CER report, the server's output holds one JSON line per request and per
// job step, the request id a client sent is on the report job's step lines, and no password, email,
// token, cookie or openFDA key appears anywhere; /api/metrics answers the scraper's token only, and its
// exposition shows the traffic (request histogram, cache hits, job steps, process metrics).
import { expect, test } from "@playwright/test";
import { ADMIN, bearerFor, ensureUser, postCredentials, ROLE_PASSWORD, SESSION_COOKIE } from "./auth";
import { ownAppEnv, startOwnApp, type OwnApp } from "./own-app";
import { hasLabels, parseExposition, type Sample } from "../support/prometheus-exposition";

const METRICS_TOKEN = "e2e-metrics-scraper-token-0123456789";
const OPENFDA_KEY = "obs-e2e-openfda-key-must-not-leak";
const ANALYST_EMAIL = "obs-analyst@e2e.test";
const TREND = "/api/faers/trend?drug=letairis&interval=year&from=2008-01-01&to=2014-12-31";

const valueOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && hasLabels(s, labels)).reduce((sum, s) => sum + s.value, 0);

async function scrape(origin: string, authorization?: string): Promise<Response> {
  return fetch(`${origin}/api/metrics`, { headers: authorization ? { authorization } : {} });
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test.describe("logs and metrics of a running server", () => {
  test.describe.configure({ timeout: 150_000 });

  test("request and job lines with request ids, nothing secret in the output, and metrics after traffic", async () => {
    let app: OwnApp | undefined;
    try {
      app = await startOwnApp(ownAppEnv({ LOG_LEVEL: "info", LOG_PRETTY: "0", METRICS_TOKEN, OPENFDA_API_KEY: OPENFDA_KEY, REDIS_URL: "" }));
      const { origin } = app;
      const admin = await bearerFor(ADMIN.email, ADMIN.password, origin);
      const analystUser = await ensureUser(admin, ANALYST_EMAIL, ROLE_PASSWORD, "analyst", origin);
      const analyst = await bearerFor(ANALYST_EMAIL, ROLE_PASSWORD, origin);
      const signIn = await postCredentials(ANALYST_EMAIL, ROLE_PASSWORD, origin);
      const session = signIn.cookies.get(SESSION_COOKIE);
      expect(session, "the credentials sign-in set a session cookie").toBeTruthy();

      const before = parseExposition(await (await scrape(origin, `Bearer ${METRICS_TOKEN}`)).text());

      // The same trend three times: a miss, then hits; the client names its request.
      for (let i = 1; i <= 3; i++) {
        const response = await fetch(`${origin}${TREND}`, { headers: { authorization: `Bearer ${analyst}`, "x-request-id": `obs-trend-${i}` } });
        expect(response.status).toBe(200);
        expect(response.headers.get("x-request-id")).toBe(`obs-trend-${i}`);
      }
      // One call with the session cookie, and one with an id we refuse (it gets a fresh one).
      const cookieCall = await fetch(`${origin}${TREND}`, { headers: { cookie: `${SESSION_COOKIE}=${session}`, "x-request-id": "bad id with spaces" } });
      expect(cookieCall.status).toBe(200);
      expect(cookieCall.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

      // An open alert stream: the report's "ready" alert is delivered to it.
      const stream = new AbortController();
      const streamResponse = await fetch(`${origin}/api/alerts/stream`, { headers: { authorization: `Bearer ${analyst}` }, signal: stream.signal });
      expect(streamResponse.status).toBe(200);
      const reader = streamResponse.body!.getReader();
      let received = "";
      const readUntil = async (needle: string, ms: number) => {
        const until = Date.now() + ms;
        while (!received.includes(needle) && Date.now() < until) {
          const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), until - Date.now()))]);
          if (chunk === null || chunk.done) break;
          received += new TextDecoder().decode(chunk.value);
        }
        return received.includes(needle);
      };

      // A report, requested with a request id; its job's step lines must carry it.
      const requested = await fetch(`${origin}/api/reports`, {
        method: "POST",
        headers: { authorization: `Bearer ${analyst}`, "content-type": "application/json", "x-request-id": "obs-report-req-1" },
        body: JSON.stringify({ product: { drug: "LETAIRIS" }, from: "2012-01-01", to: "2012-12-31", title: "observability" }),
      });
      expect(requested.status, await requested.clone().text()).toBe(202);
      const { reportId, taskId } = (await requested.json()) as { reportId: string; taskId: string };
      const deadline = Date.now() + 90_000;
      for (;;) {
        const task = (await (await fetch(`${origin}/api/tasks/${taskId}`, { headers: { authorization: `Bearer ${analyst}` } })).json()) as { status: string; error?: string };
        if (task.status === "succeeded") break;
        expect(["queued", "running"], JSON.stringify(task)).toContain(task.status);
        if (Date.now() > deadline) throw new Error(`report task still ${task.status}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      expect(await readUntil("report_ready", 15_000), `stream got: ${received.slice(-500)}`).toBe(true);

      // Metrics: the scraper's token only.
      const anonymous = await scrape(origin);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await scrape(origin, `Bearer ${admin}`)).status).toBe(401);
      const scraped = await scrape(origin, `Bearer ${METRICS_TOKEN}`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      const after = parseExposition(await scraped.text());
      const trendCount = (samples: Sample[]) => valueOf(samples, "cer_http_request_duration_seconds_count", { route: "GET /api/faers/trend", status: "200" });
      expect(trendCount(after) - trendCount(before)).toBe(4);
      expect(valueOf(after, "cer_cache_requests_total", { backend: "memory", outcome: "hit" })).toBeGreaterThan(valueOf(before, "cer_cache_requests_total", { backend: "memory", outcome: "hit" }));
      expect(valueOf(after, "cer_cache_hit_ratio", { backend: "memory" })).toBeGreaterThan(0);
      expect(valueOf(after, "cer_job_runs_total", { job_id: "generate-report", outcome: "succeeded" })).toBe(1);
      expect(valueOf(after, "cer_job_step_duration_seconds_count", { job_id: "generate-report", outcome: "ok" })).toBeGreaterThanOrEqual(2);
      expect(valueOf(after, "cer_job_queue_wait_seconds_count", { job_id: "generate-report" })).toBe(1);
      expect(valueOf(after, "cer_job_queue_depth", { job_id: "generate-report" })).toBe(0);
      expect(valueOf(after, "cer_openfda_request_duration_seconds_count")).toBeGreaterThan(0);
      expect(valueOf(after, "cer_sse_open_connections")).toBe(1);
      expect(valueOf(after, "cer_alerts_delivered_total")).toBeGreaterThanOrEqual(1);
      expect(valueOf(after, "cer_alerts_raised_total", { kind: "report_ready" })).toBe(1);
      stream.abort();
      expect(after.some((s) => s.name === "process_cpu_seconds_total")).toBe(true);
      expect(after.some((s) => s.name === "nodejs_eventloop_lag_seconds")).toBe(true);
      // No per-user (or per-report) labels.
      for (const sample of after) {
        for (const value of Object.values(sample.labels)) {
          expect(value).not.toContain("@");
          expect(value).not.toContain(analystUser.id);
          expect(value).not.toContain(reportId);
        }
      }

      // The output: JSON lines, the request ids where they belong, and no secret anywhere.
      const output = app.output();
      const lines = jsonLines(output);
      const requestLines = lines.filter((l) => l.event === "api.request");
      for (let i = 1; i <= 3; i++) {
        expect(requestLines.find((l) => l.requestId === `obs-trend-${i}`)).toMatchObject({ method: "GET", route: "GET /api/faers/trend", status: 200, service: "cer-analytics" });
      }
      expect(requestLines.find((l) => l.requestId === "obs-trend-2")?.cache).toBe("HIT");
      const stepLines = lines.filter((l) => l.event === "jobs.step" && l.reportId === reportId);
      expect(stepLines.length).toBeGreaterThanOrEqual(2);
      for (const line of stepLines) expect(line).toMatchObject({ job: "generate-report", requestId: "obs-report-req-1", outcome: "ok", attempt: 1 });
      expect(lines.some((l) => l.event === "openfda.request" && l.endpoint === "drug/event" && typeof l.ms === "number")).toBe(true);
      for (const secret of [ADMIN.password, ROLE_PASSWORD, ADMIN.email, ANALYST_EMAIL, admin, analyst, session!, METRICS_TOKEN, OPENFDA_KEY, Buffer.from(`${OPENFDA_KEY}:`).toString("base64")]) {
        expect(output, `the server output holds a secret (${secret.slice(0, 6)}…)`).not.toContain(secret);
      }
    } finally {
      await app?.kill();
    }
  });
});
