// Job steps on the local provider against a real Redis, watched through the real logger and registry:
// one line per step try (job, report, step, attempt, duration, outcome) carrying the id of the request
// that started the run; step, retry, run and queue-wait metrics; and the queue gauges read from the
// durable run records.
import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createLocalJobProvider } from "@/lib/jobs/local-provider";
import { readLocalQueueStats } from "@/lib/jobs/queue-stats";
import { createTaskStore } from "@/lib/jobs/task-store";
import type { JobDefinition } from "@/lib/jobs/types";
import { appMetrics } from "@/lib/observability/metrics";
import { deleteKeysUnder } from "@/tests/support/jobs/three-step-job";
import { captureLogsPerTest } from "@/tests/support/log-capture";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

const prefix = testPrefix("job-telemetry");
const logs = captureLogsPerTest();
let connection: ReturnType<typeof connectRedis>;
let store: StateStore;

beforeAll(() => {
  connection = connectRedis(REDIS_URL, 2000);
  store = createRedisStateStore(connection.client, connection.whenReady);
});

afterAll(async () => {
  await deleteKeysUnder(REDIS_URL, prefix);
  connection.client.disconnect();
});

const event = z.object({ reportId: z.string(), taskId: z.string(), owner: z.string(), requestId: z.string().optional() });
const JOB_ID = `telemetry-test-${Math.random().toString(36).slice(2, 8)}`;

function definition(failFirstRender: { remaining: number }): JobDefinition<typeof event> {
  return {
    id: JOB_ID,
    trigger: { event: "test/telemetry" },
    event,
    retries: 2,
    backoff: { initialMs: 1, factor: 1, maxMs: 1 },
    idempotencyKey: (data) => data.reportId,
    taskId: (data) => data.taskId,
    async run({ data, step }) {
      await step("collect", { progress: 10 }, async () => data.reportId);
      await step("render", { progress: 60 }, async () => {
        if (failFirstRender.remaining-- > 0) throw new Error("renderer crashed for jane@example.org");
        return "ok";
      });
      return null;
    },
  };
}

const metricValue = async (metric: { get(): Promise<{ values: { labels: Record<string, string | number>; value: number; metricName?: string }[] }> }, labels: Record<string, string>, name?: string) =>
  (await metric.get()).values.find((v) => (name === undefined || v.metricName === name) && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;

test("each step try is logged with the run's request id, and counted; a retried step counts a failure and a retry", async () => {
  const tasks = createTaskStore(store, undefined, { keyPrefix: prefix });
  const job = definition({ remaining: 1 });
  const provider = createLocalJobProvider({ store, tasks, definitions: [job], keyPrefix: prefix, pollMs: 5 });
  const metrics = appMetrics();
  const retriesBefore = await metricValue(metrics.jobStepRetries, { job_id: JOB_ID, step: "render" });

  await tasks.create({ id: "task-a", job: JOB_ID, owner: "u1" });
  await provider.enqueue(job, { reportId: "rep_a", taskId: "task-a", owner: "u1", requestId: "req-from-browser-1" });
  const queued = await readLocalQueueStats(store, { keyPrefix: prefix });
  expect(queued.get(JOB_ID)?.depth).toBe(1);

  // Drive it to the end: the first try fails at render, the retry finishes.
  for (let i = 0; i < 20 && (await tasks.get("task-a"))?.status !== "succeeded"; i++) {
    await provider.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect((await tasks.get("task-a"))?.status).toBe("succeeded");

  const steps = logs.lines().filter((line) => line.event === "jobs.step");
  expect(steps.map((s) => [s.step, s.attempt, s.outcome])).toEqual([
    ["collect", 1, "ok"],
    ["render", 1, "error"],
    ["render", 2, "ok"],
  ]);
  for (const line of steps) {
    expect(line).toMatchObject({ job: JOB_ID, reportId: "rep_a", taskId: "task-a", requestId: "req-from-browser-1" });
    expect(typeof line.ms).toBe("number");
  }
  expect(steps[1]).toMatchObject({ level: "warn", willRetry: true });
  expect(logs.text()).not.toContain("jane@example.org");
  expect(logs.lines().find((line) => line.event === "jobs.run_finished")).toMatchObject({ job: JOB_ID, outcome: "succeeded", requestId: "req-from-browser-1" });

  expect(await metricValue(metrics.jobStepRetries, { job_id: JOB_ID, step: "render" })).toBe(retriesBefore + 1);
  expect(await metricValue(metrics.jobStepFailures, { job_id: JOB_ID, step: "render" })).toBe(1);
  expect(await metricValue(metrics.jobStepDuration, { job_id: JOB_ID, step: "render", outcome: "ok" }, "cer_job_step_duration_seconds_count")).toBe(1);
  expect(await metricValue(metrics.jobStepDuration, { job_id: JOB_ID, step: "collect", outcome: "ok" }, "cer_job_step_duration_seconds_count")).toBe(1);
  expect(await metricValue(metrics.jobRuns, { job_id: JOB_ID, outcome: "succeeded" })).toBe(1);
  // The queue wait is observed once, at the first step of the first try.
  expect(await metricValue(metrics.jobQueueWait, { job_id: JOB_ID }, "cer_job_queue_wait_seconds_count")).toBe(1);
  expect((await readLocalQueueStats(store, { keyPrefix: prefix })).get(JOB_ID)).toBeUndefined();
});

test("queue gauges: depth counts unfinished runs; the oldest age is of runs never started", async () => {
  const tasks = createTaskStore(store, undefined, { keyPrefix: `${prefix}q:` });
  const clock = { now: 1_000_000 };
  const job = definition({ remaining: 0 });
  const provider = createLocalJobProvider({ store, tasks, definitions: [job], keyPrefix: `${prefix}q:`, now: () => clock.now });
  for (const [id, at] of [["rep_old", 1_000_000], ["rep_new", 1_030_000]] as const) {
    clock.now = at;
    await tasks.create({ id: `task-${id}`, job: JOB_ID, owner: "u1" });
    await provider.enqueue(job, { reportId: id, taskId: `task-${id}`, owner: "u1" });
  }
  const stats = await readLocalQueueStats(store, { keyPrefix: `${prefix}q:`, now: 1_090_000 });
  expect(stats.get(JOB_ID)).toEqual({ depth: 2, oldestQueuedAgeSeconds: 90 });
  // A run without a request id logs without one.
  clock.now = 1_090_000;
  await provider.runOnce();
  const step = logs.lines().find((line) => line.event === "jobs.step");
  expect(step).toBeDefined();
  expect(step).not.toHaveProperty("requestId");
  const after = await readLocalQueueStats(store, { keyPrefix: `${prefix}q:`, now: 1_090_000 });
  expect(after.get(JOB_ID)?.depth).toBe(1);
});
