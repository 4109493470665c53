import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCachedReader } from "@/lib/cache/cached";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { createRedisStore } from "@/lib/cache/redis-store";
import { createUpstashStore } from "@/lib/cache/upstash-store";
import { REDIS_URL, startPrivateRedis, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";

const TIMEOUT_MS = 200;
let bridge: UpstashBridge;
const stores: Record<string, CacheStore> = {};

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
  stores.memory = createMemoryStore();
  stores.redis = createRedisStore({ url: REDIS_URL, timeoutMs: TIMEOUT_MS });
  stores.upstash = createUpstashStore({ url: bridge.url, token: bridge.token, timeoutMs: TIMEOUT_MS });
  // ioredis connects asynchronously and, with the offline queue off, refuses commands until ready.
  for (let i = 0; i < 50 && !(await stores.redis.ping()); i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  await Promise.all(Object.values(stores).map((s) => s.close()));
  await bridge.close();
});

describe.each(["memory", "redis", "upstash"])("%s store", (kind) => {
  const store = () => stores[kind] as CacheStore;

  test("reports its kind and is reachable", async () => {
    expect(store().kind).toBe(kind);
    expect(await store().ping()).toBe(true);
  });

  test("round-trips a value and misses an unknown key", async () => {
    const key = `${testPrefix(kind)}roundtrip`;
    const value = JSON.stringify({ v: { series: [1, 2, 3], name: "ÄSPIRIN ✓" }, at: 1 });
    await store().set(key, value, 60);
    expect(await store().get(key)).toBe(value);
    expect(await store().get(`${key}:absent`)).toBeNull();
  });

  test("expires entries after their TTL", async () => {
    const key = `${testPrefix(kind)}ttl`;
    await store().set(key, "x", 1);
    expect(await store().get(key)).toBe("x");
    await new Promise((r) => setTimeout(r, 2100));
    expect(await store().get(key)).toBeNull();
  });

  test("single-flight: 100 concurrent identical cold reads make one load", async () => {
    const cached = createCachedReader(store());
    const key = `${testPrefix(kind)}sf`;
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 50));
      return { total: 42 };
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cached(key, { freshSeconds: 60, staleSeconds: 60 }, load)));
    expect(loads).toBe(1);
    expect(results.every((r) => r.value.total === 42 && r.status === "MISS")).toBe(true);
    const again = await cached(key, { freshSeconds: 60, staleSeconds: 60 }, load);
    expect(again.status).toBe("HIT");
    expect(loads).toBe(1);
  });

  test("serves the stale copy when the upstream fails after freshness ends, and errors when there is none", async () => {
    let now = 1_000_000;
    const cached = createCachedReader(store(), { now: () => now });
    const key = `${testPrefix(kind)}stale`;
    const policy = { freshSeconds: 10, staleSeconds: 600 };
    await cached(key, policy, async () => "first");
    now += 11_000;
    const stale = await cached(key, policy, async () => {
      throw new Error("openFDA down");
    });
    expect(stale).toMatchObject({ value: "first", status: "STALE", storedAt: 1_000_000 });
    const refreshed = await cached(key, policy, async () => "second");
    expect(refreshed).toMatchObject({ value: "second", status: "MISS" });
    await expect(
      cached(`${key}:never`, policy, async () => {
        throw new Error("openFDA down");
      }),
    ).rejects.toThrow("openFDA down");
  });
});

describe("Redis outage", () => {
  test("a frozen Redis costs at most about one timeout, then is skipped, then recovers", async () => {
    const redis = await startPrivateRedis();
    const store = createRedisStore({ url: redis.url, timeoutMs: TIMEOUT_MS });
    try {
      for (let i = 0; i < 50 && !(await store.ping()); i++) await new Promise((r) => setTimeout(r, 50));
      await store.set("k", "v", 60);
      expect(await store.get("k")).toBe("v");

      redis.process.kill("SIGSTOP");
      let started = performance.now();
      expect(await store.get("k")).toBeNull();
      const firstMs = performance.now() - started;
      expect(firstMs).toBeLessThan(TIMEOUT_MS + 150);

      started = performance.now();
      expect(await store.get("k")).toBeNull();
      expect(performance.now() - started).toBeLessThan(20); // skipped while the outage guard is open

      redis.process.kill("SIGCONT");
      await new Promise((r) => setTimeout(r, 1200));
      let value: string | null = null;
      for (let i = 0; i < 20 && value === null; i++) {
        value = await store.get("k");
        if (value === null) await new Promise((r) => setTimeout(r, 200));
      }
      expect(value).toBe("v");
    } finally {
      await store.close();
      await redis.stop();
    }
  });

  test("a killed Redis fails fast and the cached reader keeps answering uncached", async () => {
    const redis = await startPrivateRedis();
    const store = createRedisStore({ url: redis.url, timeoutMs: TIMEOUT_MS });
    try {
      for (let i = 0; i < 50 && !(await store.ping()); i++) await new Promise((r) => setTimeout(r, 50));
      await redis.stop();
      const cached = createCachedReader(store);
      const started = performance.now();
      const result = await cached("k2", { freshSeconds: 60, staleSeconds: 60 }, async () => "from upstream");
      expect(result).toMatchObject({ value: "from upstream", status: "MISS" });
      expect(performance.now() - started).toBeLessThan(2 * TIMEOUT_MS + 150);
      expect(await store.ping()).toBe(false);
    } finally {
      await store.close();
    }
  });

  test("Upstash over a frozen Redis times out instead of hanging", async () => {
    const redis = await startPrivateRedis();
    const frozenBridge = await startUpstashBridge({ redisUrl: redis.url });
    const store = createUpstashStore({ url: frozenBridge.url, token: frozenBridge.token, timeoutMs: TIMEOUT_MS });
    try {
      await store.set("k3", "v", 60);
      expect(await store.get("k3")).toBe("v");
      redis.process.kill("SIGSTOP");
      const started = performance.now();
      expect(await store.get("k3")).toBeNull();
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 150);
    } finally {
      redis.process.kill("SIGCONT");
      await frozenBridge.close();
      await redis.stop();
    }
  });
});

describe("Redis at boot", () => {
  test("the first request after start waits for the connection instead of running uncached", async () => {
    const store = createRedisStore({ url: REDIS_URL, timeoutMs: TIMEOUT_MS });
    try {
      const key = `${testPrefix("boot")}first`;
      await store.set(key, "v", 60); // issued before the connection is ready
      expect(await store.get(key)).toBe("v");
    } finally {
      await store.close();
    }
  });
});
