import { Redis as UpstashRedis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compareEventIds, type EventLog } from "@/lib/cache/event-log";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisEventLog } from "@/lib/cache/redis-event-log";
import { createUpstashEventLog } from "@/lib/cache/upstash-event-log";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";

// The alert log's contract on every backend: memory, real Redis, and Upstash through the REST bridge
// over the same Redis. "Another instance" is a second log object on its own connection(s).

const TIMEOUT_MS = 500;
let bridge: UpstashBridge;
const opened: EventLog[] = [];
const redisClients: { disconnect(): void }[] = [];
const streams: string[] = [];

type Pair = { writer: EventLog; reader: EventLog };

function upstashClient(): UpstashRedis {
  return new UpstashRedis({ url: bridge.url, token: bridge.token, retry: false, automaticDeserialization: false, enableTelemetry: false });
}

async function make(kind: string, maxLength = 10_000): Promise<Pair> {
  if (kind === "memory") {
    const log = createMemoryEventLog({ maxLength });
    opened.push(log);
    return { writer: log, reader: log };
  }
  const one = async (): Promise<EventLog> => {
    let log: EventLog;
    if (kind === "redis") {
      const { client, whenReady } = connectRedis(REDIS_URL, TIMEOUT_MS);
      redisClients.push(client);
      await whenReady();
      log = createRedisEventLog(client, whenReady, { maxLength, commandTimeoutMs: TIMEOUT_MS });
    } else {
      log = createUpstashEventLog(upstashClient(), { maxLength, pollMs: 100 });
    }
    opened.push(log);
    return log;
  };
  return { writer: await one(), reader: await one() };
}

function stream(kind: string, name: string): string {
  const key = `${testPrefix(`eventlog:${kind}`)}${name}`;
  streams.push(key);
  return key;
}

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
});

afterAll(async () => {
  await Promise.all(opened.map((log) => log.close()));
  const cleanup = connectRedis(REDIS_URL, TIMEOUT_MS);
  await cleanup.whenReady();
  if (streams.length) await cleanup.client.del(...streams);
  cleanup.client.disconnect();
  for (const client of redisClients) client.disconnect();
  await bridge.close();
});

describe.each(["memory", "redis", "upstash"])("%s event log", (kind) => {
  test("reports its kind; ids increase; lastId is the newest", async () => {
    const { writer, reader } = await make(kind);
    expect(writer.kind).toBe(kind);
    const key = stream(kind, "ids");
    expect(await reader.lastId(key)).toBeNull();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await writer.append(key, JSON.stringify({ i })));
    for (let i = 1; i < ids.length; i++) expect(compareEventIds(ids[i - 1] as string, ids[i] as string)).toBeLessThan(0);
    for (const id of ids) expect(id).toMatch(/^\d+-\d+$/);
    expect(await reader.lastId(key)).toBe(ids.at(-1));
  });

  test("readAfter is exclusive, ordered and bounded by count", async () => {
    const { writer, reader } = await make(kind);
    const key = stream(kind, "read");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await writer.append(key, `e${i}`));
    expect((await reader.readAfter(key, null, 100)).map((e) => e.data)).toEqual(["e0", "e1", "e2", "e3", "e4"]);
    expect(await reader.readAfter(key, ids[1] as string, 100)).toEqual([
      { id: ids[2], data: "e2" },
      { id: ids[3], data: "e3" },
      { id: ids[4], data: "e4" },
    ]);
    expect((await reader.readAfter(key, ids[0] as string, 2)).map((e) => e.id)).toEqual([ids[1], ids[2]]);
    expect(await reader.readAfter(key, ids[4] as string, 100)).toEqual([]);
    // JSON with newlines and non-ASCII survives as-is.
    const text = JSON.stringify({ a: "line1\nline2 ÄSPIRIN ✓", n: [1, 2] });
    const id = await writer.append(key, text);
    expect(await reader.readAfter(key, ids[4] as string, 10)).toEqual([{ id, data: text }]);
  });

  test("waitAfter returns what is there at once, else wakes on an append from another instance", async () => {
    const { writer, reader } = await make(kind);
    const key = stream(kind, "wait");
    const first = await writer.append(key, "ready");
    expect((await reader.waitAfter(key, null, 10, 2000)).map((e) => e.data)).toEqual(["ready"]);

    const started = Date.now();
    const waiting = reader.waitAfter(key, first, 10, 5000);
    await new Promise((r) => setTimeout(r, 150));
    const id = await writer.append(key, "later");
    const events = await waiting;
    expect(events).toEqual([{ id, data: "later" }]);
    // Upstash polls every 100 ms here; Redis and memory wake at once.
    expect(Date.now() - started).toBeLessThan(kind === "upstash" ? 1000 : 600);
  });

  test("waitAfter on an empty stream with no id waits for the first entry", async () => {
    const { writer, reader } = await make(kind);
    const key = stream(kind, "wait-empty");
    const waiting = reader.waitAfter(key, null, 10, 5000);
    await new Promise((r) => setTimeout(r, 100));
    await writer.append(key, "first");
    expect((await waiting).map((e) => e.data)).toEqual(["first"]);
  });

  test("waitAfter times out with []", async () => {
    const { writer, reader } = await make(kind);
    const key = stream(kind, "timeout");
    const id = await writer.append(key, "x");
    const started = Date.now();
    expect(await reader.waitAfter(key, id, 10, 300)).toEqual([]);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1500);
  });

  test("an abort ends the wait at once, and the log still works after it", async () => {
    const { writer, reader } = await make(kind);
    const key = stream(kind, "abort");
    const id = await writer.append(key, "x");
    const controller = new AbortController();
    const started = Date.now();
    const waiting = reader.waitAfter(key, id, 10, 10_000, controller.signal);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect(await waiting).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    // Already aborted: returns without waiting.
    expect(await reader.waitAfter(key, id, 10, 10_000, controller.signal)).toEqual([]);
    // The next wait is not held up by the aborted one.
    const next = reader.waitAfter(key, id, 10, 5000);
    await new Promise((r) => setTimeout(r, 50));
    const id2 = await writer.append(key, "y");
    expect(await next).toEqual([{ id: id2, data: "y" }]);
  });

  test("keeps about maxLength newest entries", async () => {
    const maxLength = 20;
    const { writer, reader } = await make(kind, maxLength);
    const key = stream(kind, "trim");
    const total = 400;
    let last = "";
    for (let i = 0; i < total; i++) last = await writer.append(key, `e${i}`);
    const kept = await reader.readAfter(key, null, 10_000);
    // MAXLEN ~ trims whole macro nodes (100 entries by default): at least maxLength, well below total.
    expect(kept.length).toBeGreaterThanOrEqual(maxLength);
    expect(kept.length).toBeLessThanOrEqual(maxLength + 100);
    expect(kept.at(-1)).toEqual({ id: last, data: `e${total - 1}` });
    expect(kept[0]?.data).not.toBe("e0");
  });
});
