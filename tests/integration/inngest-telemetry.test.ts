// Job steps on the Inngest provider (the real serve handler behind /api/inngest, driven the way the
// Inngest server calls it): the same step lines and metrics as the local provider, each line carrying
// the request id of the event (the request that asked for the run), not that of Inngest's call.
import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { POST } from "@/app/api/inngest/route";
import { resetInngestClientForTests } from "@/inngest/client";
import { setInngestFunctionsForTests } from "@/inngest";
import { resetEnvForTests } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/types";
import { appMetrics } from "@/lib/observability/metrics";
import { driveInngestRun } from "@/tests/support/jobs/inngest-call";
import { captureLogsPerTest } from "@/tests/support/log-capture";

const VARS = ["JOBS_PROVIDER", "INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
const logs = captureLogsPerTest();
const JOB_ID = "test-telemetry-inngest";
const event = z.object({ reportId: z.string(), requestId: z.string().optional() });

const job: JobDefinition<typeof event> = {
  id: JOB_ID,
  trigger: { event: "test/telemetry.requested" },
  event,
  retries: 0,
  backoff: { initialMs: 10, factor: 2, maxMs: 100 },
  idempotencyKey: (data) => data.reportId,
  taskId: (data) => `task-${data.reportId}`,
  run: async ({ step }) => {
    const a = await step("collect", { progress: 10 }, async () => 2);
    return step("render", { progress: 60 }, async () => a * 3);
  },
};

beforeAll(() => {
  for (const v of VARS) delete process.env[v];
  Object.assign(process.env, { JOBS_PROVIDER: "inngest", INNGEST_DEV: "1" });
  resetEnvForTests();
  resetInngestClientForTests();
  setInngestFunctionsForTests({ definitions: [job], deps: { tasks: { update: async () => undefined } }, keys: { [JOB_ID]: { idempotency: "event.data.reportId" } } });
});

afterAll(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  resetEnvForTests();
  resetInngestClientForTests();
  setInngestFunctionsForTests({});
});

test("each step is logged once with the event's request id; runs and queue wait are counted", async () => {
  const count = async (metric: { get(): Promise<{ values: { labels: Record<string, string | number>; value: number; metricName?: string }[] }> }, labels: Record<string, string>, name?: string) =>
    (await metric.get()).values.find((v) => (name === undefined || v.metricName === name) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  const metrics = appMetrics();
  const runsBefore = await count(metrics.jobRuns, { job_id: JOB_ID, outcome: "succeeded" });
  const waitsBefore = await count(metrics.jobQueueWait, { job_id: JOB_ID }, "cer_job_queue_wait_seconds_count");

  const run = await driveInngestRun((req) => POST(req, { params: Promise.resolve({}) }), {
    url: "http://localhost:3000/api/inngest",
    fnId: `cer-analytics-${JOB_ID}`,
    event: { id: "evt-t1", name: "test/telemetry.requested", data: { reportId: "rep_t1", requestId: "req-origin-9" }, ts: Date.now() - 1500 },
  });
  expect(run.status).toBe(200);
  expect(run.body).toBe(6);

  const steps = logs.lines().filter((line) => line.event === "jobs.step");
  expect(steps.map((s) => [s.step, s.attempt, s.outcome])).toEqual([
    ["collect", 1, "ok"],
    ["render", 1, "ok"],
  ]);
  for (const line of steps) expect(line).toMatchObject({ job: JOB_ID, reportId: "rep_t1", taskId: "task-rep_t1", requestId: "req-origin-9" });
  // Inngest's own calls are requests too, with ids of their own.
  const calls = logs.lines().filter((line) => line.event === "api.request");
  expect(calls.length).toBe(run.calls);
  for (const call of calls) expect(call.requestId).not.toBe("req-origin-9");

  expect(await count(metrics.jobRuns, { job_id: JOB_ID, outcome: "succeeded" })).toBe(runsBefore + 1);
  expect(await count(metrics.jobQueueWait, { job_id: JOB_ID }, "cer_job_queue_wait_seconds_count")).toBe(waitsBefore + 1);
  const waitSum = await count(metrics.jobQueueWait, { job_id: JOB_ID }, "cer_job_queue_wait_seconds_sum");
  expect(waitSum).toBeGreaterThanOrEqual(1.5);
});
