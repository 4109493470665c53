// openFDA calls through the real client against the fake openFDA, reported by the app's own hook
// (recordOpenFdaAttempt): one line per attempt with endpoint, status, duration, attempt and why the
// call was made (the cache outcome), never the URL or the key; and the latency, error and 429 metrics.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { appMetrics } from "@/lib/observability/metrics";
import { recordOpenFdaAttempt } from "@/lib/sources/openfda/attempt-telemetry";
import { createOpenFdaClient } from "@/lib/sources/openfda/client";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { captureLogsPerTest } from "@/tests/support/log-capture";

const API_KEY = "telemetry-key-do-not-leak-0815";
let fake: FakeOpenFda;
const logs = captureLogsPerTest();

beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});

const client = () =>
  createOpenFdaClient({
    baseUrl: fake.url,
    apiKey: API_KEY,
    timeoutMs: 1000,
    maxAttempts: 3,
    rateLimiter: createFairBudget({ perMinute: 240, maxWaitMs: Number.POSITIVE_INFINITY }),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
    onAttempt: recordOpenFdaAttempt,
  });

const value = async (metric: { get(): Promise<{ values: { labels: Record<string, string | number>; value: number; metricName?: string }[] }> }, labels: Record<string, string>, name?: string) =>
  (await metric.get()).values.find((v) => (name === undefined || v.metricName === name) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;

test("a 429 then a 200, inside a cache miss: two lines, the rate-limit and error counters, the latency histogram", async () => {
  const metrics = appMetrics();
  const before = {
    limited: await value(metrics.openFdaRateLimited, { endpoint: "drug/event" }),
    errors: await value(metrics.openFdaErrors, { endpoint: "drug/event", kind: "rate_limited" }),
    ok: await value(metrics.openFdaRequestDuration, { endpoint: "drug/event", status: "200" }, "cer_openfda_request_duration_seconds_count"),
  };
  fake.addFault({ match: "count=serious", status: 429, headers: { "Retry-After": "1" }, times: 1 });
  const cached = createCachedReader(createMemoryStore());
  const search = 'patient.drug.openfda.brand_name.exact:"LETAIRIS"';
  await cached("telemetry:1", { freshSeconds: 60, staleSeconds: 0 }, () => client().request("drug/event", { search, count: "serious" }));

  const lines = logs.lines().filter((line) => line.event === "openfda.request");
  expect(lines).toEqual([
    expect.objectContaining({ level: "warn", endpoint: "drug/event", status: "429", attempt: 0, cache: "miss", error: "rate_limited", search }),
    expect.objectContaining({ level: "info", endpoint: "drug/event", status: "200", attempt: 1, cache: "miss", search }),
  ]);
  for (const line of lines) expect(typeof line.ms).toBe("number");
  const text = logs.text();
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(Buffer.from(`${API_KEY}:`).toString("base64"));
  expect(text).not.toContain(fake.url);

  expect(await value(metrics.openFdaRateLimited, { endpoint: "drug/event" })).toBe(before.limited + 1);
  expect(await value(metrics.openFdaErrors, { endpoint: "drug/event", kind: "rate_limited" })).toBe(before.errors + 1);
  expect(await value(metrics.openFdaRequestDuration, { endpoint: "drug/event", status: "200" }, "cer_openfda_request_duration_seconds_count")).toBe(before.ok + 1);
});

test("outside a cached read the call says so; a long search is summarised by its length", async () => {
  const search = `patient.drug.openfda.brand_name.exact:(${Array.from({ length: 40 }, (_, i) => `"DRUG${i}"`).join("+")})`;
  // The fake may refuse a search this long; the attempt is logged either way.
  await client().request("drug/event", { search, limit: "1" }).catch(() => undefined);
  const line = logs.lines().find((l) => l.event === "openfda.request");
  expect(line).toMatchObject({ cache: "uncached", search: `[${search.length} chars]` });
});
