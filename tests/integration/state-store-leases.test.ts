import { Redis as UpstashRedis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createUpstashStateStore } from "@/lib/cache/upstash-state-store";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";

// The store methods durable jobs and stored reports rely on, against each backend (Upstash through the
// REST bridge over the same real Redis).
let bridge: UpstashBridge;
let redis: ReturnType<typeof connectRedis>;
const stores: Record<string, StateStore> = {};
const written: { store: StateStore; key: string }[] = [];

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
  redis = connectRedis(REDIS_URL, 2000);
  stores.memory = createMemoryStateStore();
  stores.redis = createRedisStateStore(redis.client, redis.whenReady);
  stores.upstash = createUpstashStateStore(
    new UpstashRedis({ url: bridge.url, token: bridge.token, retry: false, automaticDeserialization: false, enableTelemetry: false }),
  );
});

afterAll(async () => {
  for (const { store, key } of written) await store.delete(key);
  redis.client.disconnect();
  await bridge.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(["memory", "redis", "upstash"])("%s state store", (kind) => {
  const store = () => stores[kind] as StateStore;
  const keyFor = (name: string) => {
    const key = `${testPrefix(`leases-${kind}`)}${name}`;
    written.push({ store: store(), key });
    return key;
  };

  test("compareAndSet: null means absent only; a matching value swaps; a mismatch changes nothing", async () => {
    const key = keyFor("cas");
    expect(await store().compareAndSet(key, null, "v1")).toBe(true);
    expect(await store().compareAndSet(key, null, "other")).toBe(false);
    expect(await store().get(key)).toBe("v1");
    expect(await store().compareAndSet(key, "wrong", "v2")).toBe(false);
    expect(await store().get(key)).toBe("v1");
    expect(await store().compareAndSet(key, "v1", "v2")).toBe(true);
    expect(await store().get(key)).toBe("v2");
    const json = JSON.stringify({ quote: '"', unicode: "ÄSPIRIN ✓", newline: "a\nb" });
    expect(await store().compareAndSet(key, "v2", json)).toBe(true);
    expect(await store().compareAndSet(key, json, "v3")).toBe(true);
  });

  test("compareAndSet with a TTL expires the value", async () => {
    const key = keyFor("cas-ttl");
    expect(await store().compareAndSet(key, null, "short", { ttlMs: 150 })).toBe(true);
    expect(await store().get(key)).toBe("short");
    await sleep(400);
    expect(await store().get(key)).toBeNull();
    expect(await store().compareAndSet(key, null, "again")).toBe(true);
  });

  test("compareAndDelete deletes only the expected value", async () => {
    const key = keyFor("cad");
    await store().set(key, "mine");
    expect(await store().compareAndDelete(key, "theirs")).toBe(false);
    expect(await store().get(key)).toBe("mine");
    expect(await store().compareAndDelete(key, "mine")).toBe(true);
    expect(await store().get(key)).toBeNull();
    expect(await store().compareAndDelete(key, "mine")).toBe(false);
  });

  test("a lease has one holder, renews only for it, and expires when not renewed", async () => {
    const key = keyFor("lease");
    expect(await store().acquireLease(key, "a", 300)).toBe(true);
    expect(await store().acquireLease(key, "b", 300)).toBe(false);
    expect(await store().renewLease(key, "b", 300)).toBe(false);
    // Renewed past its first expiry: still held.
    await sleep(200);
    expect(await store().renewLease(key, "a", 300)).toBe(true);
    await sleep(200);
    expect(await store().acquireLease(key, "b", 300)).toBe(false);
    expect(await store().get(key)).toBe("a");
    // Not renewed: gone, and the old holder cannot renew it back.
    await sleep(450);
    expect(await store().renewLease(key, "a", 300)).toBe(false);
    expect(await store().acquireLease(key, "b", 300)).toBe(true);
    expect(await store().compareAndDelete(key, "a")).toBe(false);
    expect(await store().compareAndDelete(key, "b")).toBe(true);
    expect(await store().acquireLease(key, "a", 300)).toBe(true);
  });

  test("bytes round-trip: every byte value, and a 2 MB buffer", async () => {
    const key = keyFor("bytes");
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    await store().setBytes(key, all);
    expect(Array.from((await store().getBytes(key)) ?? [])).toEqual(Array.from(all));

    // A view into a larger buffer: only the view's bytes are stored.
    const backing = new Uint8Array(2 * 1024 * 1024 + 16);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 7 + (i >> 11)) & 0xff;
    const big = backing.subarray(8, 8 + 2 * 1024 * 1024);
    await store().setBytes(key, big);
    const back = await store().getBytes(key);
    expect(back?.byteLength).toBe(big.byteLength);
    expect(Buffer.from(back ?? new Uint8Array()).equals(Buffer.from(big))).toBe(true);
    expect(await store().getBytes(`${key}:absent`)).toBeNull();
  });

  test("bytes with a TTL expire", async () => {
    const key = keyFor("bytes-ttl");
    await store().setBytes(key, Uint8Array.of(1, 2, 3), { ttlMs: 150 });
    expect(Array.from((await store().getBytes(key)) ?? [])).toEqual([1, 2, 3]);
    await sleep(400);
    expect(await store().getBytes(key)).toBeNull();
  });

  test("expire sets a TTL on an existing key (text or bytes) and is false for a missing one", async () => {
    const text = keyFor("expire-text");
    const bytes = keyFor("expire-bytes");
    expect(await store().expire(text, 1)).toBe(false);
    await store().set(text, "x");
    await store().setBytes(bytes, Uint8Array.of(9));
    expect(await store().expire(text, 1)).toBe(true);
    expect(await store().expire(bytes, 1)).toBe(true);
    expect(await store().get(text)).toBe("x");
    await sleep(1300);
    expect(await store().get(text)).toBeNull();
    expect(await store().getBytes(bytes)).toBeNull();
  });
});
