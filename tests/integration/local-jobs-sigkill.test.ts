import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { localJobKeys, parseRunRecord } from "@/lib/jobs/local-run-record";
import { createTaskStore, type TaskStore } from "@/lib/jobs/task-store";
import { deleteKeysUnder, effectKey, taskIdOf, triesKey } from "@/tests/support/jobs/three-step-job";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

// A real process killed with SIGKILL in the middle of step two; a second process finishes the run.
const FIXTURE = fileURLToPath(new URL("../support/jobs/run-local-job.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LEASE_MS = 1000;
const prefix = testPrefix("local-jobs-sigkill");
const runId = "sigkill-run";
let connection: ReturnType<typeof connectRedis>;
let store: StateStore;
let tasks: TaskStore;
const children: ChildProcess[] = [];

beforeAll(() => {
  connection = connectRedis(REDIS_URL, 2000);
  store = createRedisStateStore(connection.client, connection.whenReady);
  tasks = createTaskStore(store, undefined, { keyPrefix: prefix });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await deleteKeysUnder(REDIS_URL, prefix);
  connection.client.disconnect();
});

type Exit = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

function runChild(stepTwoMs: number): { child: ChildProcess; stderr: () => string; exited: Promise<Exit> } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", FIXTURE, prefix, runId, String(stepTwoMs), String(LEASE_MS)], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL, LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr })));
  return { child, stderr: () => stderr, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("SIGKILL mid-step: a new process resumes, step one's effect happens once, progress never goes back", async () => {
  const progress: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const task = await tasks.get(taskIdOf(runId));
      if (task) progress.push(task.progress);
      await sleep(10);
    }
  })();

  try {
    await tasks.create({ id: taskIdOf(runId), job: "three-step-test", owner: "user-sigkill" });
    const first = runChild(60_000);
    // Step two has started (its try is recorded) and sleeps for a minute: kill the process there.
    const deadline = Date.now() + 20_000;
    while ((await store.listLength(triesKey(prefix, runId, "two"))) === 0) {
      if (Date.now() > deadline) throw new Error(`the first process never reached step two: ${first.stderr()}`);
      await sleep(20);
    }
    expect((await tasks.get(taskIdOf(runId)))?.step).toBe("two");
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = runChild(50);
    const outcome = await Promise.race([second.exited, sleep(25_000).then(() => null)]);
    expect(outcome, "the second process did not finish in time").not.toBeNull();
    expect(outcome?.stderr).toBe("");
    expect(outcome?.code).toBe(0);
  } finally {
    sampling = false;
    await sampler;
  }

  const task = await tasks.get(taskIdOf(runId));
  expect(task).toMatchObject({ status: "succeeded", progress: 100 });
  progress.push(task?.progress ?? -1);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress).toContain(40);

  const count = (step: string) => store.listLength(effectKey(prefix, runId, step));
  const tries = (step: string) => store.listRange(triesKey(prefix, runId, step), 0, -1);
  expect(await count("one")).toBe(1);
  expect(await tries("one")).toHaveLength(1);
  // Two tries of step two, one per process; only the second finished it.
  const stepTwoTries = await tries("two");
  expect(stepTwoTries).toHaveLength(2);
  expect(new Set(stepTwoTries).size).toBe(2);
  expect(await count("two")).toBe(1);
  expect(await count("three")).toBe(1);

  const keys = localJobKeys(prefix);
  const record = parseRunRecord((await store.get(keys.run(`three-step-test:${runId}`))) ?? "null");
  expect(record).toMatchObject({ status: "done", owner: null, result: { one: "one-done", two: "two-done", three: "three-done" } });
  expect(await store.setMembers(keys.pending)).toEqual([]);
}, 60_000);
