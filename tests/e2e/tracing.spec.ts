// Traces from the real server: the standalone server with OTEL_EXPORTER_OTLP_ENDPOINT pointed at an OTLP/HTTP
// receiver in this test process. A report requested with a traceparent header yields one trace: the
// request's span and every job step's span (the local provider, after the request has answered); a
// product read shows request → cache → openFDA. Nothing in the exports holds the openFDA key.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { attributeValue, startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from "../support/otlp-receiver";
import { ADMIN, bearerFor, ensureUser, ROLE_PASSWORD } from "./auth";
import { ownAppEnv, startOwnApp, type OwnApp } from "./own-app";

const OPENFDA_KEY = "e2e-trace-key-must-not-leak-5d1e";
const REPORT_TRACE = "0af7651916cd43dd8448eb211c80319c";
const READ_TRACE = "5b8efff798038103d269b633813fc60c";
const CALLER_SPAN = "b7ad6b7169203331";

let receiver: OtlpReceiver;
let app: OwnApp;

test.beforeAll(async () => {
  receiver = await startOtlpReceiver();
  app = await startOwnApp(ownAppEnv({ REDIS_URL: "", OPENFDA_API_KEY: OPENFDA_KEY, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "cer-e2e-traces" }));
});

test.afterAll(async () => {
  await app?.kill();
  await receiver?.close();
});

/** GET over a connection that is closed after the answer; resolves with the status. */
function getClosingConnection(url: string, headers: Record<string, string>): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { ...headers, connection: "close" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    });
    request.on("error", reject);
  });
}

/** Our spans, not Next's own (Next marks each of its spans with next.span_type). */
const ours = (spans: OtlpSpan[]) => spans.filter((s) => attributeValue(s.attributes, "next.span_type") === undefined);

/** Waits for the batch exporter (5 s schedule) until `done` holds over the trace's spans. */
async function traceSpans(traceId: string, done: (spans: OtlpSpan[]) => boolean): Promise<OtlpSpan[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const spans = receiver.spans().filter((s) => s.traceId === traceId);
    if (done(spans)) return spans;
    if (Date.now() > deadline) throw new Error(`trace ${traceId} incomplete: ${spans.map((s) => s.name).join(", ")}\n${app.output().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("a report's request and each of its job steps share one trace, continued from the caller's traceparent", async () => {
  test.setTimeout(120_000);
  const admin = await bearerFor(ADMIN.email, ADMIN.password, app.origin);
  const email = "traces-analyst@e2e.test";
  await ensureUser(admin, email, ROLE_PASSWORD, "analyst", app.origin);
  const analyst = await bearerFor(email, ROLE_PASSWORD, app.origin);

  const response = await fetch(`${app.origin}/api/reports`, {
    method: "POST",
    headers: { authorization: `Bearer ${analyst}`, "content-type": "application/json", traceparent: `00-${REPORT_TRACE}-${CALLER_SPAN}-01` },
    body: JSON.stringify({ product: { drug: "LETAIRIS" }, from: "2012-01-01", to: "2012-12-31", title: "Traced report" }),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  const { taskId } = (await response.json()) as { taskId: string };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const task = (await (await fetch(`${app.origin}/api/tasks/${taskId}`, { headers: { authorization: `Bearer ${analyst}` } })).json()) as { status: string };
    if (task.status === "succeeded") break;
    expect(["queued", "running"]).toContain(task.status);
    if (Date.now() > deadline) throw new Error(`report task never finished: ${JSON.stringify(task)}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  const spans = ours(await traceSpans(REPORT_TRACE, (s) => s.filter((x) => x.name.startsWith("job.step ")).length >= 3 && s.some((x) => x.name === "POST /api/reports")));
  const request = spans.find((s) => s.name === "POST /api/reports");
  expect(request).toBeDefined();
  expect(attributeValue(request?.attributes, "http.response.status_code")).toBe(202);
  const steps = spans.filter((s) => s.name.startsWith("job.step "));
  // Every step is a child of the request's span: the parent travelled in the event, not in the process.
  for (const step of steps) expect(step.parentSpanId, step.name).toBe(request?.spanId);
  expect(steps.map((s) => attributeValue(s.attributes, "job.step"))).toContain("collect");
  expect(new Set(steps.map((s) => attributeValue(s.attributes, "job.id")))).toEqual(new Set(["generate-report"]));
});

test("a product read: request span → cache read → openFDA request, and no export holds the key", async () => {
  const admin = await bearerFor(ADMIN.email, ADMIN.password, app.origin);
  const response = await fetch(`${app.origin}/api/faers/trend?drug=tracelessdrug&interval=year&from=2010-01-01&to=2011-12-31`, {
    headers: { authorization: `Bearer ${admin}`, traceparent: `00-${READ_TRACE}-${CALLER_SPAN}-01` },
  });
  expect(response.status).toBe(200);
  const spans = ours(await traceSpans(READ_TRACE, (s) => s.some((x) => x.name === "openfda.request") && s.some((x) => x.name === "GET /api/faers/trend")));
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const request = spans.find((s) => s.name === "GET /api/faers/trend");
  const fda = spans.find((s) => s.name === "openfda.request");
  // Walk up from the openFDA span: a cache read, then the request span.
  const ancestors: string[] = [];
  for (let at = fda?.parentSpanId; at !== undefined && byId.has(at); at = byId.get(at)?.parentSpanId) ancestors.push(byId.get(at)?.name ?? "");
  expect(ancestors).toContain("cache.read");
  expect(ancestors.at(-1)).toBe("GET /api/faers/trend");
  expect(request?.parentSpanId).toBeDefined();
  expect(attributeValue(fda?.attributes, "url.path")).toBe("/drug/event.json");

  const exported = receiver.requests.map((r) => r.raw).join("\n");
  expect(exported).not.toContain(OPENFDA_KEY);
  expect(exported).not.toContain(Buffer.from(`${OPENFDA_KEY}:`).toString("base64"));
  expect(exported).not.toContain(admin);
  expect(receiver.resourceAttributes()).toMatchObject({ "service.name": "cer-e2e-traces" });
});

test("SIGTERM: the spans of the last request are exported before the server exits", async () => {
  const own = await startOwnApp(ownAppEnv({ REDIS_URL: "", OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }));
  try {
    const lastTrace = "9c1f0e2d3b4a59687766554433221100";
    // No idle keep-alive connection may be left (the readiness polls' close after 5 s idle): one would
    // hold Next's server.close() long enough for the batch to go out on its own. Hence the wait, and a
    // connection that closes after the answer.
    await new Promise((r) => setTimeout(r, 6000));
    expect(await getClosingConnection(`${own.origin}/api/health`, { traceparent: `00-${lastTrace}-${CALLER_SPAN}-01` })).toBe(200);
    // Well inside the exporter's 5 s batch delay: only the SIGTERM flush can send this span.
    expect(await own.stop("SIGTERM")).toBe(143);
    expect(ours(receiver.spans().filter((s) => s.traceId === lastTrace)).map((s) => s.name)).toContain("GET /api/health");
  } finally {
    await own.kill();
  }
});
