import { InngestTestEngine } from "@inngest/test";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { createInngestClient } from "@/inngest/client";
import { buildInngestFunctions } from "@/inngest/functions";
import type { JobDefinition } from "@/lib/jobs/types";
import { startTracing, type Tracing } from "@/lib/observability/tracing";
import { createJobRecorder } from "@/tests/support/jobs/inngest-three-step-job";

// On the Inngest provider each step runs in its own call to the serve endpoint, maybe in another
// process: the step's span takes its parent from the event's traceparent, as on the local provider.

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
const REQUEST_SPAN = "b7ad6b7169203331";
const exporter = new InMemorySpanExporter();
let tracing: Tracing | null;

beforeAll(() => {
  tracing = startTracing({ settings: { url: "http://127.0.0.1:9/v1/traces", headers: {}, serviceName: "s", serviceVersion: "0", sampleRatio: 1 }, exporter, onSigterm: false });
});
afterAll(() => tracing?.shutdown());

const schema = z.strictObject({ runId: z.string(), traceparent: z.string().optional() });
const definition: JobDefinition<typeof schema> = {
  id: "traced-inngest-job",
  trigger: { event: "test/traced.requested" },
  event: schema,
  retries: 0,
  backoff: { initialMs: 10, factor: 1, maxMs: 10 },
  idempotencyKey: (data) => data.runId,
  taskId: (data) => `task-${data.runId}`,
  run: async ({ step }) => {
    const rows = await step("collect", { progress: 10 }, async () => 3);
    return step("store", { progress: 90 }, async () => rows * 2);
  },
};

test("each Inngest step's span is a child of the span named by the event's traceparent", async () => {
  const client = createInngestClient({ INNGEST_DEV: "1", INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined, INNGEST_BASE_URL: undefined });
  const recorder = createJobRecorder();
  const [fn] = buildInngestFunctions(client, [definition], { tasks: recorder.tasks }, { "traced-inngest-job": { idempotency: "event.data.runId" } });
  if (fn === undefined) throw new Error("no function built");
  const engine = new InngestTestEngine({ function: fn, events: [{ name: "test/traced.requested", data: { runId: "r1", traceparent: `00-${TRACE_ID}-${REQUEST_SPAN}-01` } }] });
  const { result, error } = await engine.execute();
  expect(error).toBeUndefined();
  expect(result).toBe(6);
  await tracing?.flush();
  const steps = exporter.getFinishedSpans().filter((s) => s.name.startsWith("job.step "));
  expect(new Set(steps.map((s) => s.name))).toEqual(new Set(["job.step collect", "job.step store"]));
  for (const span of steps) {
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(REQUEST_SPAN);
    expect(span.attributes).toMatchObject({ "job.id": "traced-inngest-job", "job.task_id": "task-r1", "job.attempt": 1 });
  }
});
