import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createLocalJobProvider, type LocalJobProvider } from "@/lib/jobs/local-provider";
import { createTaskStore, type TaskStore } from "@/lib/jobs/task-store";
import { cronCountJob, cronRunsKey } from "@/tests/support/jobs/cron-count-job";
import { deleteKeysUnder } from "@/tests/support/jobs/three-step-job";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

// Cron on the local provider against a real Redis: instances with their own connections and lease
// owners tick over the same slot, and the slot runs once.
const connections: ReturnType<typeof connectRedis>[] = [];
const started: LocalJobProvider[] = [];
const prefixes: string[] = [];
let store: StateStore;

function redisStore(): StateStore {
  const connection = connectRedis(REDIS_URL, 2000);
  connections.push(connection);
  return createRedisStateStore(connection.client, connection.whenReady);
}

beforeAll(() => {
  store = redisStore();
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((provider) => provider.stop()));
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysUnder(REDIS_URL, prefix);
  for (const connection of connections) connection.client.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

/** Instances on their own Redis connections, sharing one clock that the test moves. */
function cluster(name: string, count: number, cron: string, clock: { now: number }) {
  const prefix = testPrefix(name);
  prefixes.push(prefix);
  const instances = Array.from({ length: count }, (_, i) => {
    const own = redisStore();
    const tasks: TaskStore = createTaskStore(own, undefined, { keyPrefix: prefix });
    const definition = cronCountJob({ store: own, prefix, cron, label: `instance-${i}`, stepDelayMs: 20 });
    const provider = createLocalJobProvider({
      store: own, tasks, definitions: [definition], keyPrefix: prefix, instanceId: `instance-${i}`, pollMs: 10, leaseMs: 2000, cronTickMs: 5, now: () => clock.now,
    });
    return { provider, tasks };
  });
  const runs = () => store.listRange(cronRunsKey(prefix), 0, -1);
  return { prefix, instances, runs };
}

describe("cron on the local provider", () => {
  test("three instances ticking over the same slot run it exactly once", async () => {
    const clock = { now: Date.parse("2026-12-03T06:00:30Z") };
    const { instances, runs } = cluster("cron-once", 3, "0 6 * * *", clock);
    for (const { provider } of instances) {
      provider.start();
      started.push(provider);
    }
    await until(async () => (await runs()).length > 0);
    // Every instance keeps ticking over the same slot for a while: still one run.
    await sleep(300);
    const seen = await runs();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^2026-12-03T06:00:00\.000Z instance-\d$/);
    const task = await instances[0]?.tasks.get("cron-count:2026-12-03T06:00:00.000Z");
    expect(task).toMatchObject({ status: "succeeded", progress: 100, job: "cron-count-test", owner: "system" });
  });

  test("concurrent ticks of two instances claim a slot once (no poller)", async () => {
    const clock = { now: Date.parse("2026-12-03T06:00:00Z") };
    const { instances } = cluster("cron-claim", 2, "0 6 * * *", clock);
    const [a, b] = instances.map((i) => i.provider) as [LocalJobProvider, LocalJobProvider];
    const [fromA, fromB] = await Promise.all([a.cronTick(), b.cronTick()]);
    expect([...fromA, ...fromB]).toEqual([{ definitionId: "cron-count-test", slot: "2026-12-03T06:00:00.000Z" }]);
    // A later tick in the same slot claims nothing; the next slot is claimed once.
    expect([...(await a.cronTick()), ...(await b.cronTick())]).toEqual([]);
    clock.now = Date.parse("2026-12-04T06:00:01Z");
    const next = [...(await b.cronTick()), ...(await a.cronTick())];
    expect(next).toEqual([{ definitionId: "cron-count-test", slot: "2026-12-04T06:00:00.000Z" }]);
  });

  test("slots missed while every instance was down: the latest runs once at start, then the next on time", async () => {
    // Every 5 minutes; the instances were down over 09:50 … 10:05 and start at 10:07:30.
    const clock = { now: Date.parse("2026-12-03T10:07:30Z") };
    const { instances, runs } = cluster("cron-missed", 2, "*/5 * * * *", clock);
    for (const { provider } of instances) {
      provider.start();
      started.push(provider);
    }
    await until(async () => (await runs()).length === 1);
    await sleep(150);
    expect((await runs()).map((r) => r.split(" ")[0])).toEqual(["2026-12-03T10:05:00.000Z"]);

    clock.now = Date.parse("2026-12-03T10:10:02Z");
    await until(async () => (await runs()).length === 2);
    await sleep(150);
    expect((await runs()).map((r) => r.split(" ")[0])).toEqual(["2026-12-03T10:05:00.000Z", "2026-12-03T10:10:00.000Z"]);
  });

  test("a claim whose claimer died before enqueueing is enqueued by another instance after the grace period", async () => {
    const clock = { now: Date.parse("2026-12-03T06:00:05Z") };
    const { prefix, instances, runs } = cluster("cron-orphan", 1, "0 6 * * *", clock);
    const provider = instances[0]?.provider as LocalJobProvider;
    // A claimer that wrote its claim at 06:00:01 and died.
    await store.set(`${prefix}jobs:cron:cron-count-test:2026-12-03T06:00:00.000Z`, String(Date.parse("2026-12-03T06:00:01Z")), { onlyIfAbsent: true, ttlSeconds: 600 });
    expect(await provider.cronTick()).toEqual([]);
    clock.now = Date.parse("2026-12-03T06:01:30Z");
    expect(await provider.cronTick()).toEqual([{ definitionId: "cron-count-test", slot: "2026-12-03T06:00:00.000Z" }]);
    provider.start();
    started.push(provider);
    await until(async () => (await runs()).length === 1);
  });
});
