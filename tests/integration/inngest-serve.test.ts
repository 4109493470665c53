import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { resetInngestClientForTests } from "@/inngest/client";
import { setInngestFunctionsForTests } from "@/inngest";
import { resetEnvForTests } from "@/lib/env";
import { callRequest, callRequestBody, driveInngestRun, signInngestBody } from "@/tests/support/jobs/inngest-call";
import { createJobRecorder, THREE_STEP_KEYS, threeStepJob, type JobRecorder } from "@/tests/support/jobs/inngest-three-step-job";

// /api/inngest in-process: the serve handler behind withApi, driven with Request objects the way the
// Inngest server calls it (stack.md Appendix B), in dev mode and in cloud mode with signatures.

const URL_ = "http://localhost:3000/api/inngest";
const FN_ID = "cer-analytics-test-three-step";
const SIGNING_KEY = "signkey-test-8f3a1c2b9d4e5f60718293a4b5c6d7e8";
const VARS = ["JOBS_PROVIDER", "INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_BASE_URL"] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));

const ctx = { params: Promise.resolve({}) };
const post = (req: Request) => POST(req, ctx);
const event = () => ({ id: "evt-1", name: "test/three-step.requested", data: { reportId: "r-1", userId: "u-1" }, ts: Date.now() });

let recorder: JobRecorder;

function useEnv(vars: Partial<Record<(typeof VARS)[number], string>>): void {
  for (const v of VARS) delete process.env[v];
  Object.assign(process.env, vars);
  resetEnvForTests();
  resetInngestClientForTests();
  recorder = createJobRecorder();
  setInngestFunctionsForTests({ definitions: [threeStepJob(recorder)], deps: { tasks: recorder.tasks }, keys: THREE_STEP_KEYS });
}

afterAll(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  resetEnvForTests();
  resetInngestClientForTests();
  setInngestFunctionsForTests({});
});

describe("dev mode (JOBS_PROVIDER=inngest, INNGEST_DEV=1)", () => {
  beforeEach(() => useEnv({ JOBS_PROVIDER: "inngest", INNGEST_DEV: "1" }));

  test("GET answers the SDK introspection", async () => {
    const res = await GET(new Request(URL_), ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-inngest-req-version")).toBe("2");
    const body = (await res.json()) as { mode: string; function_count: number; has_signing_key: boolean };
    expect(body.mode).toBe("dev");
    // The job and its failure handler.
    expect(body.function_count).toBeGreaterThanOrEqual(1);
    expect(body.has_signing_key).toBe(false);
  });

  test("a call request loop drives the function to its 200 result", async () => {
    const run = await driveInngestRun(post, { url: URL_, fnId: FN_ID, event: event() });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ reportId: "r-1", key: "reports/r-1.pdf" });
    expect(run.ops.filter((op) => op.op === "StepRun").map((op) => [op.name, op.data])).toEqual([
      ["collect", { rows: 3 }],
      ["analyze", { signals: 6 }],
      ["store", { key: "reports/r-1.pdf", signals: 6 }],
      ["task-succeeded", null],
    ]);
    expect(recorder.calls).toEqual(["collect", "analyze", "store"]);
    expect(recorder.taskUpdates.map((u) => u.patch.progress)).toEqual([10, 50, 90, 100]);
  });

  test("PUT (sync) tries the dev server, which is not running here", async () => {
    const res = await PUT(new Request(URL_, { method: "PUT" }), ctx);
    // The SDK posts to localhost:8288/fn/register and reports that it could not.
    expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 500, body: { modified: false, message: expect.stringMatching(/Failed to register/) } });
  });
});

describe("cloud mode (INNGEST_SIGNING_KEY, INNGEST_EVENT_KEY)", () => {
  beforeEach(() => useEnv({ JOBS_PROVIDER: "inngest", INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: "evtkey-test" }));

  test("an unsigned GET is refused with 401; a signed one gets the introspection, authenticated", async () => {
    const unsigned = await GET(new Request(URL_), ctx);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ message: "Unauthorized" });

    const signed = await GET(new Request(URL_, { headers: { "x-inngest-signature": signInngestBody("", SIGNING_KEY) } }), ctx);
    expect(signed.status).toBe(200);
    const body = (await signed.json()) as { mode: string; has_signing_key: boolean; authentication_succeeded?: boolean; function_count: number };
    expect(body).toMatchObject({ mode: "cloud", has_signing_key: true, has_event_key: true, authentication_succeeded: true });
    expect(body.function_count).toBeGreaterThanOrEqual(1);
  });

  test("an unsigned call request is refused with 401 and runs nothing", async () => {
    const res = await post(callRequest(URL_, FN_ID, callRequestBody(event(), {}, []), { serverKind: "cloud" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(recorder.calls).toEqual([]);
  });

  test("a call request signed with another key is refused with 401", async () => {
    const res = await post(callRequest(URL_, FN_ID, callRequestBody(event(), {}, []), { serverKind: "cloud", signingKey: "signkey-test-00ff" }));
    expect(res.status).toBe(401);
    expect(recorder.calls).toEqual([]);
  });

  test("a call request signed the way the SDK verifies is accepted, and the reply is signed", async () => {
    const body = callRequestBody(event(), {}, []);
    const res = await post(callRequest(URL_, FN_ID, body, { serverKind: "cloud", signature: signInngestBody(body, SIGNING_KEY) }));
    expect(res.status).toBe(206);
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    const ops = (await res.json()) as { op: string; name: string }[];
    expect(ops.map((op) => [op.op, op.name])).toEqual([["StepRun", "collect"]]);
    expect(recorder.calls).toEqual(["collect"]);
  });

  test("the signed loop runs the whole function", async () => {
    const run = await driveInngestRun(post, { url: URL_, fnId: FN_ID, event: event(), serverKind: "cloud", signingKey: SIGNING_KEY });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ reportId: "r-1", key: "reports/r-1.pdf" });
  });
});

describe("JOBS_PROVIDER=local", () => {
  beforeEach(() => useEnv({ JOBS_PROVIDER: "local" }));

  test.each([
    ["GET", () => GET(new Request(URL_), ctx)],
    ["POST", () => post(callRequest(URL_, FN_ID, callRequestBody(event(), {}, [])))],
    ["PUT", () => PUT(new Request(URL_, { method: "PUT" }), ctx)],
  ] as const)("%s answers the JSON 404", async (_method, call) => {
    const res = await call();
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toMatch(/\/api\/inngest/);
    expect(recorder.calls).toEqual([]);
  });
});
