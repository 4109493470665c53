import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { AppError } from "@/lib/errors/app-error";
import { createLocalJobProvider, type LocalJobProvider, type LocalJobProviderOptions } from "@/lib/jobs/local-provider";
import { localJobKeys, parseRunRecord } from "@/lib/jobs/local-run-record";
import { createTaskStore, type TaskStore } from "@/lib/jobs/task-store";
import { deleteKeysUnder, effectKey, taskIdOf, threeStepJob, triesKey, type ThreeStepOptions } from "@/tests/support/jobs/three-step-job";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

// The local provider against a real Redis: replay, idempotency, retries, cancel, several instances, and
// a runner that dies mid-run.
const prefix = testPrefix("local-jobs");
const keys = localJobKeys(prefix);
const connections: ReturnType<typeof connectRedis>[] = [];
const started: LocalJobProvider[] = [];
let store: StateStore;
let tasks: TaskStore;
let runCounter = 0;

function redisStore(): StateStore {
  const connection = connectRedis(REDIS_URL, 2000);
  connections.push(connection);
  return createRedisStateStore(connection.client, connection.whenReady);
}

beforeAll(() => {
  store = redisStore();
  tasks = createTaskStore(store, undefined, { keyPrefix: prefix });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((provider) => provider.stop()));
});

afterAll(async () => {
  await deleteKeysUnder(REDIS_URL, prefix);
  for (const connection of connections) connection.client.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const newRun = () => ({ runId: `run-${++runCounter}`, owner: "user-1" });
const count = (runId: string, step: string) => store.listLength(effectKey(prefix, runId, step));
const tries = (runId: string, step: string) => store.listLength(triesKey(prefix, runId, step));

function provider(job: ReturnType<typeof threeStepJob>, options: Partial<LocalJobProviderOptions> = {}): LocalJobProvider {
  return createLocalJobProvider({ store, tasks, definitions: [job], keyPrefix: prefix, pollMs: 10, leaseMs: 2000, ...options });
}
const job = (options: Partial<ThreeStepOptions> = {}) => threeStepJob({ store, prefix, ...options });

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

async function runRecord(runId: string) {
  const raw = await store.get(keys.run(`three-step-test:${runId}`));
  return raw === null ? null : parseRunRecord(raw);
}

describe("local job provider", () => {
  test("runs three steps to succeeded; progress goes 0 → 100 and never backwards", async () => {
    const definition = job({ stepDelayMs: { one: 30, two: 30, three: 30 } });
    const jobs = provider(definition);
    const data = newRun();
    await tasks.create({ id: taskIdOf(data.runId), job: definition.id, owner: data.owner });
    await jobs.enqueue(definition, data);

    const seen: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const task = await tasks.get(taskIdOf(data.runId));
        if (task) seen.push(task.progress);
        await sleep(3);
      }
    })();
    expect(await jobs.runOnce()).toBe(true);
    sampling = false;
    await sampler;

    const task = await tasks.get(taskIdOf(data.runId));
    expect(task).toMatchObject({ status: "succeeded", progress: 100, step: "three", job: "three-step-test", owner: "user-1" });
    seen.push(task?.progress ?? -1);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen)).toEqual(new Set([0, 10, 40, 80, 100]));
    for (const step of ["one", "two", "three"]) expect(await count(data.runId, step)).toBe(1);
    expect(await runRecord(data.runId)).toMatchObject({ status: "done", result: { one: "one-done", two: "two-done", three: "three-done" } });
    expect(await store.setMembers(keys.pending)).not.toContain(`three-step-test:${data.runId}`);
    expect(await store.get(keys.lease(`three-step-test:${data.runId}`))).toBeNull();
    expect(await jobs.runOnce()).toBe(false);
  });

  test("enqueue is idempotent: the same key twice makes one run", async () => {
    const definition = job();
    const jobs = provider(definition);
    const data = newRun();
    await jobs.enqueue(definition, data);
    await jobs.enqueue(definition, { ...data });
    expect((await store.setMembers(keys.pending)).filter((key) => key.endsWith(`:${data.runId}`))).toHaveLength(1);
    // The task was missing: enqueue made it, owned by data.owner.
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "queued", owner: "user-1" });
    expect(await jobs.runOnce()).toBe(true);
    expect(await jobs.runOnce()).toBe(false);
    await jobs.enqueue(definition, data);
    expect(await jobs.runOnce()).toBe(false);
    for (const step of ["one", "two", "three"]) expect(await count(data.runId, step)).toBe(1);
  });

  test("enqueue refuses data that does not match the event schema", async () => {
    const definition = job();
    await expect(provider(definition).enqueue(definition, { runId: 1 } as never)).rejects.toThrow();
  });

  test("a failing step is retried with backoff, then fails with its message; onFailure runs once", async () => {
    let clock = 1_000_000;
    const failures: [unknown, string][] = [];
    const definition = job({
      retries: 2,
      backoff: { initialMs: 1000, factor: 2, maxMs: 1500 },
      beforeEffect: { two: async () => void (await Promise.reject(new Error("openFDA answered 500"))) },
      onFailure: async (data, reason) => void failures.push([data, reason]),
    });
    const jobs = provider(definition, { now: () => clock });
    const data = newRun();
    await jobs.enqueue(definition, data);

    expect(await jobs.runOnce()).toBe(true);
    expect(await runRecord(data.runId)).toMatchObject({ status: "pending", attempt: 2, nextAttemptAt: clock + 1000 });
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "running", step: "two", attempts: 1 });
    expect(await jobs.runOnce()).toBe(false); // not due yet

    clock += 1000;
    expect(await jobs.runOnce()).toBe(true);
    expect(await runRecord(data.runId)).toMatchObject({ status: "pending", attempt: 3, nextAttemptAt: clock + 1500 });
    clock += 1499;
    expect(await jobs.runOnce()).toBe(false);
    clock += 1;
    expect(await jobs.runOnce()).toBe(true);

    const message = "The two step failed: openFDA answered 500";
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "failed", error: message, attempts: 3, progress: 40 });
    expect(await runRecord(data.runId)).toMatchObject({ status: "failed", error: message });
    expect(failures).toEqual([[data, message]]);
    expect(await count(data.runId, "one")).toBe(1);
    expect(await tries(data.runId, "two")).toBe(3);
    expect(await count(data.runId, "three")).toBe(0);

    clock += 60_000;
    expect(await jobs.runOnce()).toBe(false);
    expect(failures).toHaveLength(1);
  });

  test("an AppError's message reaches the task as it is", async () => {
    const message = "openFDA has no reports for this product in the chosen period.";
    const definition = job({
      beforeEffect: { one: async () => void (await Promise.reject(new AppError({ code: "not_found", message }))) },
    });
    const jobs = provider(definition);
    const data = newRun();
    await jobs.enqueue(definition, data);
    expect(await jobs.runOnce()).toBe(true);
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "failed", error: message, attempts: 1 });
  });

  test("cancel during a step stops the run before the next step", async () => {
    const data = newRun();
    const definition = job({ beforeEffect: { one: async (d) => jobs.cancel(definition, d) } });
    const jobs = provider(definition);
    await jobs.enqueue(definition, data);
    expect(await jobs.runOnce()).toBe(true);
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "cancelled", step: "one" });
    expect(await runRecord(data.runId)).toMatchObject({ status: "cancelled", cancelRequested: true });
    expect(await count(data.runId, "one")).toBe(1);
    expect(await count(data.runId, "two")).toBe(0);
    expect(await jobs.runOnce()).toBe(false);
  });

  test("cancel of a pending run cancels it at once", async () => {
    const definition = job();
    const jobs = provider(definition);
    const data = newRun();
    await jobs.enqueue(definition, data);
    await jobs.cancel(definition, data);
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "cancelled", progress: 0 });
    expect(await jobs.runOnce()).toBe(false);
    expect(await tries(data.runId, "one")).toBe(0);
  });

  test("two instances polling one Redis run each step exactly once", async () => {
    const runs = Array.from({ length: 8 }, newRun);
    const a = provider(job({ label: "a", stepDelayMs: { one: 15, two: 15, three: 15 } }), { instanceId: "a" });
    const b = provider(job({ label: "b", stepDelayMs: { one: 15, two: 15, three: 15 } }), { store: redisStore(), instanceId: "b" });
    started.push(a, b);
    a.start();
    b.start();
    const definition = job();
    await Promise.all(runs.map((data) => (data.runId.endsWith("1") ? b : a).enqueue(definition, data)));
    await until(async () => (await Promise.all(runs.map((d) => tasks.get(taskIdOf(d.runId))))).every((t) => t?.status === "succeeded"));
    const ranBy = new Set<string>();
    for (const data of runs) {
      for (const step of ["one", "two", "three"]) {
        expect(await tries(data.runId, step)).toBe(1);
        expect(await count(data.runId, step)).toBe(1);
        for (const label of await store.listRange(effectKey(prefix, data.runId, step), 0, -1)) ranBy.add(label);
      }
    }
    expect(ranBy.size).toBeGreaterThanOrEqual(1);
  });

  test("concurrency: at most `limit` runs with one key run at once, across instances", async () => {
    let inFlight = 0;
    let most = 0;
    const options: Partial<ThreeStepOptions> = {
      concurrency: { key: (data) => data.owner, limit: 1 },
      stepDelayMs: { two: 40 },
      beforeEffect: {
        one: async () => void (most = Math.max(most, ++inFlight)),
        three: async () => void inFlight--,
      },
    };
    const a = provider(job(options), { instanceId: "a" });
    const b = provider(job(options), { store: redisStore(), instanceId: "b" });
    started.push(a, b);
    const runs = Array.from({ length: 4 }, () => ({ ...newRun(), owner: `owner-${runCounter}-shared` }));
    const owner = runs[0]?.owner ?? "";
    const definition = job(options);
    for (const data of runs) await a.enqueue(definition, { ...data, owner });
    a.start();
    b.start();
    await until(async () => (await Promise.all(runs.map((d) => tasks.get(taskIdOf(d.runId))))).every((t) => t?.status === "succeeded"));
    expect(most).toBe(1);
    expect(await store.setMembers(keys.concurrency("three-step-test", owner))).toEqual([]);
  });

  test("a runner that dies after step one: another resumes when its lease expires and runs only steps two and three", async () => {
    let killed = false;
    const dead = new Promise<never>(() => undefined);
    // A's store stops answering once A "dies": no more writes, no lease renewals.
    const dying = new Proxy(redisStore(), {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => (killed ? dead : (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
    const data = newRun();
    const definitionA = threeStepJob({ store, prefix, label: "a", beforeEffect: { two: async () => ((killed = true), dead) } });
    const a = createLocalJobProvider({ store: dying, tasks: createTaskStore(dying, undefined, { keyPrefix: prefix }), definitions: [definitionA], keyPrefix: prefix, leaseMs: 300, instanceId: "a" });
    await a.enqueue(definitionA, data);
    void a.runOnce();
    await until(async () => killed);
    expect(await count(data.runId, "one")).toBe(1);
    expect(await runRecord(data.runId)).toMatchObject({ status: "running", steps: { one: "one-done" } });

    const b = provider(job({ label: "b" }), { leaseMs: 300, instanceId: "b" });
    expect(await b.runOnce()).toBe(false); // A's lease still holds
    const deadline = Date.now() + 5000;
    while (!(await b.runOnce())) {
      if (Date.now() > deadline) throw new Error("B never resumed the run");
      await sleep(25);
    }
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "succeeded", progress: 100 });
    expect(await count(data.runId, "one")).toBe(1);
    expect(await tries(data.runId, "one")).toBe(1);
    expect(await store.listRange(effectKey(prefix, data.runId, "two"), 0, -1)).toEqual(["b"]);
    expect(await store.listRange(effectKey(prefix, data.runId, "three"), 0, -1)).toEqual(["b"]);
  });

  test("stop() waits for the running step, then leaves the run for another instance", async () => {
    const definition = job({ stepDelayMs: { two: 300 } });
    const a = provider(definition, { instanceId: "a" });
    const data = newRun();
    await a.enqueue(definition, data);
    a.start();
    await until(async () => (await tries(data.runId, "two")) === 1);
    const stopping = Date.now();
    await a.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(await count(data.runId, "two")).toBe(1);
    expect(await runRecord(data.runId)).toMatchObject({ status: "pending", owner: null, steps: { one: "one-done", two: "two-done" } });

    const b = provider(job(), { instanceId: "b" });
    expect(await b.runOnce()).toBe(true);
    expect(await tasks.get(taskIdOf(data.runId))).toMatchObject({ status: "succeeded" });
    for (const step of ["one", "two", "three"]) expect(await tries(data.runId, step)).toBe(1);
  });
});
