import { afterAll, afterEach, describe, expect, test } from "vitest";
import { createAlertHub, type AlertHub, type Subscription } from "@/lib/alerts/alert-hub";
import type { EventLog, LoggedEvent } from "@/lib/cache/event-log";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisEventLog } from "@/lib/cache/redis-event-log";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

// The per-process fan-out: backlog then live, in order, never twice; one reader loop started with the
// first subscriber and stopped with the last; a subscriber that stops reading is dropped without
// delaying the others; two instances (two logs on one Redis) both deliver what a third one appends.

const hubs: AlertHub[] = [];
const logs: EventLog[] = [];
const clients: { disconnect(): void }[] = [];
const streams: string[] = [];

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

afterAll(async () => {
  await Promise.all(logs.map((l) => l.close()));
  const { client, whenReady } = connectRedis(REDIS_URL, 500);
  await whenReady();
  if (streams.length) await client.del(...streams);
  client.disconnect();
  for (const c of clients) c.disconnect();
});

function hubOn(log: EventLog, stream: string, extra: { queueLimit?: number; pageSize?: number } = {}): AlertHub {
  const hub = createAlertHub({ log, stream, blockMs: 2000, ...extra });
  hubs.push(hub);
  return hub;
}

async function redisLog(): Promise<EventLog> {
  const { client, whenReady } = connectRedis(REDIS_URL, 500);
  clients.push(client);
  await whenReady();
  const log = createRedisEventLog(client, whenReady, { maxLength: 10_000, commandTimeoutMs: 500 });
  logs.push(log);
  return log;
}

function streamName(name: string): string {
  const s = `${testPrefix("hub")}${name}`;
  streams.push(s);
  return s;
}

/** Reads `n` events, failing after `ms`. */
async function take(sub: Subscription, n: number, ms = 3000): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  const deadline = Date.now() + ms;
  while (out.length < n) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`got ${out.length} of ${n} events`);
    const next = await Promise.race([sub.next(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
    if (next === "timeout") throw new Error(`got ${out.length} of ${n} events`);
    if (next === null) throw new Error(`subscription ended (${sub.ended}) after ${out.length} events`);
    out.push(next);
  }
  return out;
}

/** Whether anything arrives within `ms`. */
async function nothingWithin(sub: Subscription, ms: number): Promise<boolean> {
  const next = await Promise.race([sub.next(), new Promise<"quiet">((r) => setTimeout(() => r("quiet"), ms))]);
  return next === "quiet";
}

describe.each(["memory", "redis"])("alert hub on %s", (kind) => {
  const newLog = () => (kind === "memory" ? Promise.resolve(createMemoryEventLog({ maxLength: 10_000 })) : redisLog());

  test("backlog after the given id, then live events, in order, none twice", async () => {
    const log = await newLog();
    const stream = streamName("backlog");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await log.append(stream, `e${i}`));
    // pageSize 2: the backlog comes in three pages.
    const hub = hubOn(log, stream, { pageSize: 2 });
    const sub = hub.subscribe(ids[0] as string);
    // A live event appended while the backlog is being read is still delivered once, in order.
    const appendLive = log.append(stream, "e5");
    const got = await take(sub, 5);
    await appendLive;
    const more = await take(sub, 0);
    expect([...got, ...more].map((e) => e.data)).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    await log.append(stream, "e6");
    expect((await take(sub, 1)).map((e) => e.data)).toEqual(["e6"]);
    expect(await nothingWithin(sub, 200)).toBe(true);
  });

  test("without an id: only events from now on; the loop runs only while someone subscribes", async () => {
    const log = await newLog();
    const stream = streamName("fromnow");
    await log.append(stream, "old");
    const hub = hubOn(log, stream);
    expect(hub.running()).toBe(false);
    const a = hub.subscribe(null);
    const b = hub.subscribe(null);
    expect(hub.running()).toBe(true);
    expect(hub.subscriberCount()).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    await log.append(stream, "new");
    expect((await take(a, 1)).map((e) => e.data)).toEqual(["new"]);
    expect((await take(b, 1)).map((e) => e.data)).toEqual(["new"]);
    a.close();
    expect(hub.running()).toBe(true);
    b.close();
    expect(hub.subscriberCount()).toBe(0);
    expect(hub.running()).toBe(false);
    expect(await b.next()).toBeNull();
    expect(b.ended).toBe("closed");
    // And starts again with the next subscriber.
    const c = hub.subscribe(null);
    await new Promise((r) => setTimeout(r, 100));
    await log.append(stream, "again");
    expect((await take(c, 1)).map((e) => e.data)).toEqual(["again"]);
  });

  test("a subscriber that stops reading is dropped and does not delay another", async () => {
    const log = await newLog();
    const stream = streamName("slow");
    const hub = hubOn(log, stream, { queueLimit: 5 });
    const stalled = hub.subscribe(null);
    const reader = hub.subscribe(null);
    await new Promise((r) => setTimeout(r, 100));
    const lags: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await log.append(stream, `e${i}`);
      const [event] = await take(reader, 1);
      lags.push(performance.now() - started);
      expect(event?.data).toBe(`e${i}`);
    }
    expect(Math.max(...lags)).toBeLessThan(200);
    expect(stalled.ended).toBe("dropped");
    expect(hub.subscriberCount()).toBe(1);
    // What it had queued is gone with it: the client resumes from its Last-Event-ID.
    expect(await stalled.next()).toBeNull();
  });
});

test("two hubs on two Redis connections both deliver an event appended by a third", async () => {
  const stream = streamName("two");
  const [logA, logB, writer] = await Promise.all([redisLog(), redisLog(), redisLog()]);
  const a = hubOn(logA, stream).subscribe(null);
  const b = hubOn(logB, stream).subscribe(null);
  await new Promise((r) => setTimeout(r, 150));
  const id = await writer.append(stream, "hello");
  expect(await take(a, 1)).toEqual([{ id, data: "hello" }]);
  expect(await take(b, 1)).toEqual([{ id, data: "hello" }]);
});
