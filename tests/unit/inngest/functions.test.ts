import { InngestTestEngine } from "@inngest/test";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { createInngestClient } from "@/inngest/client";
import { buildInngestFunctions } from "@/inngest/functions";
import { toInngestFunctionOptions } from "@/inngest/to-inngest-function";
import { callRequest, callRequestBody } from "@/tests/support/jobs/inngest-call";
import { createJobRecorder, THREE_STEP_KEYS, threeStepJob } from "@/tests/support/jobs/inngest-three-step-job";

const client = createInngestClient({ INNGEST_DEV: "1", INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined, INNGEST_BASE_URL: undefined });
const event = { name: "test/three-step.requested", data: { reportId: "r-1", userId: "u-1" } };

function setup(options: { failAt?: string } = {}) {
  const recorder = createJobRecorder();
  const definition = threeStepJob(recorder, options);
  const [fn] = buildInngestFunctions(client, [definition], { tasks: recorder.tasks }, THREE_STEP_KEYS);
  if (fn === undefined) throw new Error("no function built");
  return { recorder, definition, fn };
}

describe("a job definition as an Inngest function", () => {
  test("runs its three steps to completion, marking the task at each step with non-decreasing progress", async () => {
    const { recorder, fn } = setup();
    const t = new InngestTestEngine({ function: fn, events: [event] });
    const { result, error } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ reportId: "r-1", key: "reports/r-1.pdf" });
    expect(recorder.calls).toEqual(["collect", "analyze", "store"]);
    expect(recorder.taskUpdates).toEqual([
      { id: "task-r-1", patch: { status: "running", step: "collect", progress: 10, attempts: 1 } },
      { id: "task-r-1", patch: { status: "running", step: "analyze", progress: 50, attempts: 1 } },
      { id: "task-r-1", patch: { status: "running", step: "store", progress: 90, attempts: 1 } },
      { id: "task-r-1", patch: { status: "succeeded", progress: 100 } },
    ]);
    const progress = recorder.taskUpdates.map((u) => u.patch.progress ?? 0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  test("step outputs are the definition's small JSON, passed through", async () => {
    const { fn } = setup();
    const t = new InngestTestEngine({ function: fn, events: [event] });
    const outputs: Record<string, unknown> = {};
    for (const id of ["collect", "analyze", "store"]) outputs[id] = (await t.executeStep(id)).result;
    expect(outputs).toEqual({ collect: { rows: 3 }, analyze: { signals: 6 }, store: { key: "reports/r-1.pdf", signals: 6 } });
    for (const output of Object.values(outputs)) expect(JSON.stringify(output).length).toBeLessThan(200);
    // Whatever the engine keeps as run state (by hashed step id) is the same small JSON.
    const { state } = await t.execute();
    const kept = await Promise.all(Object.values(state));
    expect(kept).toEqual(expect.arrayContaining([{ rows: 3 }, { signals: 6 }, { key: "reports/r-1.pdf", signals: 6 }]));
  });

  test("an event whose data fails the schema is refused without retries", async () => {
    const { recorder, fn } = setup();
    const t = new InngestTestEngine({ function: fn, events: [{ name: event.name, data: { reportId: 7 } }] });
    const { error } = await t.execute();
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/does not match its schema/);
    expect(recorder.calls).toEqual([]);
  });

  test("a failing step fails the run; the failure handler marks the task failed and calls onFailure with the reason", async () => {
    const { recorder, fn } = setup({ failAt: "analyze" });
    const t = new InngestTestEngine({ function: fn, events: [event] });
    const { error } = await t.execute();
    expect(error).toBeDefined();
    expect(recorder.calls).toEqual(["collect", "analyze"]);
    expect(recorder.failures).toEqual([]);

    // Inngest then calls the function's "-failure" handler with inngest/function.failed; the test
    // engine cannot reach it, so it is driven through the serve handler as the server would.
    const handlers = serve({ client, functions: [fn] });
    const failed = {
      name: "inngest/function.failed",
      data: {
        function_id: "cer-analytics-test-three-step",
        run_id: "run-1",
        error: { name: "Error", message: "analyze failed on purpose" },
        event: { ...event, id: "evt-1", ts: Date.now() },
      },
      ts: Date.now(),
    };
    const res = await handlers.POST(
      callRequest("http://localhost/api/inngest", "cer-analytics-test-three-step-failure", callRequestBody(failed, {}, [])) as NextRequest,
      undefined,
    );
    expect(res.status).toBe(200);
    expect(recorder.failures).toEqual([{ data: event.data, reason: "analyze failed on purpose" }]);
    expect(recorder.taskUpdates.at(-1)).toEqual({ id: "task-r-1", patch: { status: "failed", error: "analyze failed on purpose" } });
  });

  test("the config carries the definition's retries, idempotency, concurrency, throttle and cancelOn", () => {
    const { definition, fn } = setup();
    expect(toInngestFunctionOptions(definition, THREE_STEP_KEYS["test-three-step"])).toEqual({
      id: "test-three-step",
      triggers: [{ event: "test/three-step.requested" }],
      retries: 0,
      idempotency: "event.data.reportId",
      concurrency: { key: "event.data.userId", limit: 2 },
      throttle: { limit: 10, period: "60s" },
      cancelOn: [{ event: "test/three-step.cancelled", match: "data.reportId" }],
    });
    // What the server is told at sync (the SDK's own translation of the options).
    const [config] = (fn as unknown as { getConfig(o: { baseUrl: URL; appPrefix: string }): Record<string, unknown>[] }).getConfig({
      baseUrl: new URL("http://localhost/api/inngest"),
      appPrefix: "cer-analytics",
    });
    expect(config).toMatchObject({
      id: "cer-analytics-test-three-step",
      triggers: [{ event: "test/three-step.requested" }],
      idempotency: "event.data.reportId",
      concurrency: { key: "event.data.userId", limit: 2 },
      throttle: { limit: 10, period: "60s" },
      cancel: [{ event: "test/three-step.cancelled", if: "event.data.reportId == async.data.reportId" }],
    });
  });

  test("a definition with no Inngest keys fails when the functions are built, naming the table", () => {
    const recorder = createJobRecorder();
    expect(() => buildInngestFunctions(client, [threeStepJob(recorder)], { tasks: recorder.tasks }, {})).toThrow(/INNGEST_KEYS/);
  });
});
