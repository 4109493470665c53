import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { createLocalJobProvider } from "@/lib/jobs/local-provider";
import { createTaskStore } from "@/lib/jobs/task-store";
import type { JobDefinition } from "@/lib/jobs/types";
import { currentTraceparent, traceparentField } from "@/lib/observability/trace-context";
import { startTracing, type Tracing } from "@/lib/observability/tracing";
import { withSpan } from "@/lib/observability/with-span";
import { createOpenFdaClient } from "@/lib/sources/openfda/client";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { attributeValue, startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from "@/tests/support/otlp-receiver";

// Traces end to end in one process, over real HTTP: a withApi handler reads through the real cached
// reader, which calls the real openFDA client against the fake openFDA server; the handler enqueues a
// job on the local provider with the request's traceparent, and the job's step runs later, outside the
// request. The spans go through startTracing's batch OTLP/HTTP exporter to a real local receiver.

const API_KEY = "test-openfda-key-do-not-leak-7f3a";
const INCOMING_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const INCOMING_SPAN_ID = "00f067aa0ba902b7";

let receiver: OtlpReceiver;
let openfda: FakeOpenFda;
let tracing: Tracing | null = null;
const savedEnv: Record<string, string | undefined> = {};

// The SDK reads these itself when not told otherwise; each would break the test if it won over ours.
const HOSTILE_SDK_ENV: Record<string, string> = {
  OTEL_TRACES_SAMPLER: "always_off",
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:9/v1/traces",
  OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
};

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  openfda = await startFakeOpenFda();
});

afterAll(async () => {
  await tracing?.shutdown();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await openfda?.close();
  await receiver?.close();
});

describe("without an OTLP endpoint", () => {
  test("nothing is registered: spans are the API's no-op and no traceparent is made", async () => {
    expect(startTracing({ settings: null, onSigterm: false })).toBeNull();
    const seen = await withSpan("anything", {}, async (span) => ({ valid: trace.isSpanContextValid(span.spanContext()), traceparent: currentTraceparent() }));
    expect(seen).toEqual({ valid: false, traceparent: undefined });
    expect(traceparentField()).toEqual({});
  });
});

describe("with an OTLP endpoint", () => {
  const spansNamed = (name: string) => receiver.spans().filter((s) => s.name === name);
  const one = (name: string): OtlpSpan => {
    const found = spansNamed(name);
    expect(found, `spans named ${name}: ${receiver.spans().map((s) => s.name).join(", ")}`).toHaveLength(1);
    return found[0] as OtlpSpan;
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(HOSTILE_SDK_ENV)) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    tracing = startTracing({
      settings: { url: `${receiver.url}/v1/traces`, headers: { "x-collector-key": "collector-secret" }, serviceName: "cer-tracing-test", serviceVersion: "9.9.9", sampleRatio: 1 },
      onSigterm: false,
    });
    expect(tracing).not.toBeNull();

    const cached = createCachedReader(createMemoryStore());
    const client = createOpenFdaClient({ baseUrl: openfda.url, apiKey: API_KEY, timeoutMs: 5000, maxAttempts: 1, rateLimiter: { take: async () => {} } });
    const readCount = () =>
      cached("cer:v2:trace-test:abc123", { freshSeconds: 60, staleSeconds: 60 }, async () => {
        const result = await client.request("drug/event", { limit: "1" });
        return result.kind;
      });

    const state = createMemoryStateStore();
    const tasks = createTaskStore(state);
    const job: JobDefinition = {
      id: "traced-job",
      trigger: { event: "test/traced" },
      event: z.strictObject({ runId: z.string(), traceparent: z.string().optional() }),
      retries: 0,
      backoff: { initialMs: 10, factor: 1, maxMs: 10 },
      idempotencyKey: (data) => (data as { runId: string }).runId,
      taskId: (data) => `task-${(data as { runId: string }).runId}`,
      run: async ({ step }) => step("read-openfda", { progress: 50 }, async () => (await readCount()).status),
    };
    const jobs = createLocalJobProvider({ store: state, tasks, definitions: [job], pollMs: 10 });

    const handler = withApi({ route: "GET /api/health", permission: "public" }, async () => {
      const read = await readCount();
      await tasks.create({ id: "task-run-1", job: job.id, owner: "user-1" });
      await jobs.enqueue(job, { runId: "run-1", ...traceparentField() });
      return jsonResponse({ cache: read.status });
    });
    const response = await handler(
      new Request("http://localhost/api/health?token=query-secret", { headers: { traceparent: `00-${INCOMING_TRACE_ID}-${INCOMING_SPAN_ID}-01` } }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    // The job runs later and outside the request: only the event's traceparent links it to the trace.
    await context.with(ROOT_CONTEXT, async () => expect(await jobs.runOnce()).toBe(true));
    expect((await tasks.get("task-run-1"))?.status).toBe("succeeded");
    await tracing?.flush();
  });

  test("the request span continues the incoming traceparent and is named after the route", () => {
    const request = one("GET /api/health");
    expect(request.traceId).toBe(INCOMING_TRACE_ID);
    expect(request.parentSpanId).toBe(INCOMING_SPAN_ID);
    expect(request.kind).toBe(2); // SERVER
    expect(attributeValue(request.attributes, "http.request.method")).toBe("GET");
    expect(attributeValue(request.attributes, "http.route")).toBe("/api/health");
    expect(attributeValue(request.attributes, "http.response.status_code")).toBe(200);
  });

  test("the openFDA span is the request's grandchild, through the cache read (a miss)", () => {
    const request = one("GET /api/health");
    const [cacheReads, fdaRequests] = [spansNamed("cache.read"), spansNamed("openfda.request")];
    expect(cacheReads).toHaveLength(2); // the request's and the job step's
    expect(fdaRequests).toHaveLength(1); // the job's read was a cache hit: no second openFDA call
    const requestCache = cacheReads.find((s) => s.parentSpanId === request.spanId);
    expect(requestCache).toBeDefined();
    expect(attributeValue(requestCache?.attributes, "cache.status")).toBe("MISS");
    expect(attributeValue(requestCache?.attributes, "cache.resource")).toBe("cer:v2:trace-test");
    const fda = fdaRequests[0] as OtlpSpan;
    expect(fda.parentSpanId).toBe(requestCache?.spanId);
    expect(fda.traceId).toBe(INCOMING_TRACE_ID);
    expect(fda.kind).toBe(3); // CLIENT
    expect(attributeValue(fda.attributes, "url.path")).toBe("/drug/event.json");
    expect(attributeValue(fda.attributes, "http.response.status_code")).toBe(200);
    expect(attributeValue(fda.attributes, "openfda.result")).toBe("ok");
    expect(fda.events?.map((e) => e.name)).toEqual(["openfda.attempt"]);
  });

  test("the job step's span joins the request's trace, as the request span's child", () => {
    const request = one("GET /api/health");
    const stepSpan = one("job.step read-openfda");
    expect(stepSpan.traceId).toBe(INCOMING_TRACE_ID);
    expect(stepSpan.parentSpanId).toBe(request.spanId);
    expect(attributeValue(stepSpan.attributes, "job.id")).toBe("traced-job");
    expect(attributeValue(stepSpan.attributes, "job.attempt")).toBe(1);
    const jobCache = spansNamed("cache.read").find((s) => s.parentSpanId === stepSpan.spanId);
    expect(attributeValue(jobCache?.attributes, "cache.status")).toBe("HIT");
  });

  test("the export went as JSON to our URL with our headers and resource, and holds no secret", () => {
    const exports = receiver.requests.filter((r) => r.path === "/v1/traces");
    expect(exports.length).toBeGreaterThan(0);
    for (const request of exports) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-collector-key"]).toBe("collector-secret");
      expect(request.headers["content-encoding"]).toBeUndefined(); // OTEL_EXPORTER_OTLP_COMPRESSION lost
      expect(request.raw).not.toContain(API_KEY);
      expect(request.raw).not.toContain(Buffer.from(`${API_KEY}:`).toString("base64"));
      expect(request.raw).not.toContain("query-secret");
    }
    expect(receiver.resourceAttributes()).toMatchObject({ "service.name": "cer-tracing-test", "service.version": "9.9.9" });
  });
});
