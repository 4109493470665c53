import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, expect, test } from "vitest";
import { contextFromTraceparent } from "@/lib/observability/trace-context";
import { startTracing, type Tracing } from "@/lib/observability/tracing";
import { withSpan } from "@/lib/observability/with-span";

// OTEL_TRACES_SAMPLE_RATIO=0 with the parent-based sampler: no new trace is kept, but a request whose
// caller sampled its trace (traceparent flag 01) is, so a trace is never cut in half. Also: attributes
// given as a function are computed only for spans that record.

const exporter = new InMemorySpanExporter();
let tracing: Tracing | null;

beforeAll(() => {
  tracing = startTracing({ settings: { url: "http://127.0.0.1:9/v1/traces", headers: {}, serviceName: "s", serviceVersion: "0", sampleRatio: 0 }, exporter, onSigterm: false });
});
afterAll(() => tracing?.shutdown());

test("ratio 0: a root span is dropped, a child of a sampled remote parent is kept, an unsampled one is dropped", async () => {
  let computed = 0;
  const attributes = () => {
    computed++;
    return { "x.y": 1 };
  };
  await withSpan("root", attributes, async () => undefined);
  await withSpan("child-of-sampled", attributes, async () => undefined, { parent: contextFromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") });
  await withSpan("child-of-unsampled", attributes, async () => undefined, { parent: contextFromTraceparent("00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-00") });
  await tracing?.flush();
  expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["child-of-sampled"]);
  expect(computed).toBe(1);
});

test("a throw is recorded on the span (status ERROR, an exception event) and rethrown", async () => {
  exporter.reset();
  const parent = contextFromTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  await expect(withSpan("fails", {}, async () => Promise.reject(new Error("boom")), { parent })).rejects.toThrow("boom");
  await tracing?.flush();
  const [span] = exporter.getFinishedSpans();
  expect(span?.status).toMatchObject({ code: 2, message: "boom" });
  expect(span?.events.map((e) => e.name)).toEqual(["exception"]);
});
