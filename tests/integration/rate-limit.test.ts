import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { BackendConnection } from "@/lib/cache/connection";
import { enforceRateLimit } from "@/lib/cache/ratelimit/enforce";
import { hashIdentifier } from "@/lib/cache/ratelimit/identifier";
import { getRateLimitPolicies } from "@/lib/cache/ratelimit/policies";
import { createRateLimiter } from "@/lib/cache/ratelimit/rate-limiter";
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from "@/lib/cache/ratelimit/types";
import { parseServerEnv } from "@/lib/env";
import { freePort, REDIS_URL, startPrivateRedis, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";

const TIMEOUT_MS = 300;
const KEY_PREFIX = testPrefix("ratelimit").replace(/:$/, "");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** ioredis set up as lib/cache/connection.ts does, with the same "wait for ready" helper. */
function redisConnection(url: string, options: { commandTimeout?: number } = {}): BackendConnection & { kind: "redis" } {
  const client = new Redis(url, {
    commandTimeout: options.commandTimeout,
    connectTimeout: 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on("error", () => undefined);
  const whenReady = (): Promise<void> => {
    if (client.status === "ready") return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off("ready", onReady);
        reject(new Error("Redis is not connected"));
      }, TIMEOUT_MS);
      client.once("ready", onReady);
    });
  };
  return { kind: "redis", client, whenReady };
}

/** @upstash/redis set up as lib/cache/connection.ts does (no retries, a per-request abort). */
function upstashConnection(url: string, token: string, abortMs: number | null): BackendConnection & { kind: "upstash" } {
  return {
    kind: "upstash",
    client: new UpstashRedis({
      url,
      token,
      retry: false,
      automaticDeserialization: false,
      enableTelemetry: false,
      ...(abortMs === null ? {} : { signal: () => AbortSignal.timeout(abortMs) }),
    }),
  };
}

/** Wait until at least `marginMs` are left in the current window, so a test's hits share one window. */
async function awayFromWindowEnd(windowMs: number, marginMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await sleep(left + 20);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, got a decision");
}

const BACKENDS = ["memory", "redis", "upstash"] as const;
type BackendName = (typeof BACKENDS)[number];

let bridge: UpstashBridge;
let redis: ReturnType<typeof redisConnection>;
let inspect: Redis;
const connections = {} as Record<BackendName, BackendConnection>;
const limiters = {} as Record<BackendName, RateLimiter>;

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
  redis = redisConnection(REDIS_URL, { commandTimeout: 1000 });
  inspect = new Redis(REDIS_URL);
  connections.memory = { kind: "memory" };
  connections.redis = redis;
  // The bridge drops the Lua shebang flags Upstash accepts and Redis 7.0 refuses (upstash-bridge.ts).
  connections.upstash = upstashConnection(bridge.url, bridge.token, 1000);
  for (const name of BACKENDS) limiters[name] = createRateLimiter(connections[name], { timeoutMs: 1000, keyPrefix: KEY_PREFIX });
  await redis.whenReady().catch(() => undefined);
  for (let i = 0; i < 50 && redis.client.status !== "ready"; i++) await sleep(50);
});

afterAll(async () => {
  const keys = await inspect.keys(`${KEY_PREFIX}:*`);
  if (keys.length > 0) await inspect.del(...keys);
  inspect.disconnect();
  redis.client.disconnect();
  await bridge.close();
});

const policy = (name: string, limit: number, windowSeconds: number, onStoreFailure: RateLimitPolicy["onStoreFailure"] = "fail-closed"): RateLimitPolicy => ({
  name,
  limit,
  windowSeconds,
  onStoreFailure,
});

describe.each(BACKENDS)("%s backend", (backend) => {
  const limiter = () => limiters[backend];

  test("allows exactly the limit, then denies with a retry-after of the window end + window/limit", async () => {
    const p = policy(`seq-${backend}`, 5, 60);
    await awayFromWindowEnd(60_000, 2_000);
    const decisions: RateLimitDecision[] = [];
    for (let i = 0; i < 7; i++) decisions.push(await limiter().check(p, "203.0.113.7"));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    const denied = decisions[5] as RateLimitDecision;
    expect(denied.limit).toBe(5);
    expect(denied.resetAt % 60_000).toBe(0); // the end of the current 60 s window
    // Sure to pass 60 s / 5 = 12 s after the window ends (computed here from the policy, not the code).
    const expected = Math.ceil((denied.resetAt + 12_000 - Date.now()) / 1000);
    expect(Math.abs(denied.retryAfterSeconds - expected)).toBeLessThanOrEqual(1);
    expect(decisions.slice(0, 5).every((d) => d.retryAfterSeconds === 0)).toBe(true);
  });

  test("counts per identifier", async () => {
    const p = policy(`ident-${backend}`, 2, 60);
    await awayFromWindowEnd(60_000, 2_000);
    for (let i = 0; i < 2; i++) expect((await limiter().check(p, "alice@example.com")).allowed).toBe(true);
    expect((await limiter().check(p, "alice@example.com")).allowed).toBe(false);
    expect((await limiter().check(p, "bob@example.com")).allowed).toBe(true);
    expect((await limiter().check(p, "Alice@example.com")).allowed).toBe(true); // callers normalise, not the limiter
  });

  test("a burst of 30 parallel checks with limit 10 allows exactly 10", async () => {
    // Redis/Upstash: one Lua script per check, run atomically, so ±0. Memory: checks run one at a time
    // on the event loop, so ±0 per process (each process has its own counts).
    const p = policy(`burst-${backend}`, 10, 60);
    await awayFromWindowEnd(60_000, 2_000);
    const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter().check(p, "burst-user")));
    const allowed = decisions.filter((d) => d.allowed);
    expect(allowed).toHaveLength(10);
    // Each allowed check saw a distinct count: no two read the same state.
    expect(allowed.map((d) => d.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  // Only the Redis-backed limiters write keys; the memory backend has none to inspect.
  const testIfStored = backend === "memory" ? () => undefined : test;
  testIfStored("keys carry a hash of the identifier, never the identifier, and expire", async () => {
    const p = policy(`keys-${backend}`, 3, 60);
    await limiter().check(p, "carol@example.com");
    const keys = await inspect.keys(`${KEY_PREFIX}:keys-${backend}:*`);
    expect(keys).toHaveLength(1);
    const key = keys[0] as string;
    expect(key).not.toContain("carol");
    expect(key.startsWith(`${KEY_PREFIX}:keys-${backend}:${hashIdentifier("carol@example.com")}:`)).toBe(true);
    const ttl = await inspect.pttl(key);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 60_000 + 1000); // the script's PEXPIRE: two windows + 1 s
  });
});

describe("after the window passes", () => {
  // A 1 s window, from its start: 3 allowed, then denied. Just after the window ends the previous
  // window still weighs ~0.95 → floor(0.95 × 3) = 2 counted, so exactly one more is allowed.
  test.concurrent.each(BACKENDS)("%s allows again, weighted by the previous window", async (backend) => {
    const p = policy(`window-${backend}`, 3, 1);
    await sleep(1000 - (Date.now() % 1000) + 20);
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await limiters[backend].check(p, "dave"));
    expect(first.map((d) => d.allowed)).toEqual([true, true, true, false]);
    const denied = first[3] as RateLimitDecision;
    // ≤ 1 s to the window end + 1 s / 3 → 2 s (rounded up).
    expect(denied.retryAfterSeconds).toBe(2);
    await sleep(denied.resetAt - Date.now() + 30);
    const after = [await limiters[backend].check(p, "dave"), await limiters[backend].check(p, "dave")];
    expect(after.map((d) => d.allowed)).toEqual([true, false]);
  });
});

describe("Redis outage (private redis-server)", () => {
  test("frozen, then killed: fail-closed throws 503 within the timeout, fail-open still limits from memory", async () => {
    const server = await startPrivateRedis();
    // No command timeout: only the limiter's own timeout can end a call to a frozen server, which is
    // what @upstash/ratelimit reports as { success: true, reason: "timeout" }.
    const connection = redisConnection(server.url);
    let stopped = false;
    try {
      await connection.whenReady().catch(() => undefined);
      for (let i = 0; i < 50 && connection.client.status !== "ready"; i++) await sleep(50);
      const closed = policy("outage-closed", 3, 60, "fail-closed");
      const open = policy("outage-open", 3, 60, "fail-open");

      // Healthy: the script is sent once (EVAL), then run by hash (EVALSHA).
      const healthy = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      expect((await healthy.check(closed, "erin")).allowed).toBe(true);
      const before = await Promise.all(Array.from({ length: 3 }, () => healthy.check(closed, "erin")));
      expect(before.filter((d) => d.allowed)).toHaveLength(2);
      for (let i = 0; i < 3; i++) await healthy.check(closed, "frank");
      const stats = await connection.client.info("commandstats");
      expect(stats).toMatch(/cmdstat_eval:calls=1,/);
      expect(stats).toMatch(/cmdstat_evalsha:calls=6,/);

      server.process.kill("SIGSTOP");
      const frozenClosed = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      let started = Date.now();
      const error = await rejection(enforceRateLimit(closed, "erin", frozenClosed));
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 200);
      expect(error.code).toBe("service_unavailable");
      expect(error.status).toBe(503);
      expect(error.retryAfterSeconds ?? 0).toBeGreaterThanOrEqual(1);

      const frozenOpen = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      started = Date.now();
      const fallback = await Promise.all(Array.from({ length: 6 }, () => frozenOpen.check(open, "grace")));
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 200);
      expect(fallback.map((d) => d.allowed).filter(Boolean)).toHaveLength(3);
      expect(fallback.find((d) => !d.allowed)?.retryAfterSeconds).toBeGreaterThanOrEqual(1);

      // SIGCONT + SIGKILL: now connections are refused and calls throw. (stop() must run once: a
      // second call waits for an "exit" that already happened.)
      stopped = true;
      await server.stop();
      const deadClosed = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      started = Date.now();
      expect((await rejection(deadClosed.check(closed, "heidi"))).code).toBe("service_unavailable");
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 200);
      const deadOpen = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      const afterKill = [];
      for (let i = 0; i < 4; i++) afterKill.push(await deadOpen.check(open, "heidi"));
      expect(afterKill.map((d) => d.allowed)).toEqual([true, true, true, false]);
    } finally {
      connection.client.disconnect();
      if (!stopped) await server.stop();
    }
  });
});

describe("Upstash outage", () => {
  test("a REST endpoint that never answers is a failure, not a pass", async () => {
    const sockets = new Set<Socket>();
    const hanging = http.createServer(() => undefined); // reads the request, never responds
    hanging.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      // No abort signal: only @upstash/ratelimit's timeout ends the call, with success: true.
      const connection = upstashConnection(url, "test-token", null);
      const closedLimiter = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      const started = Date.now();
      const error = await rejection(closedLimiter.check(policy("hang-closed", 3, 60), "ivan"));
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 200);
      expect(error.code).toBe("service_unavailable");

      const openLimiter = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
      const decisions = await Promise.all(Array.from({ length: 5 }, () => openLimiter.check(policy("hang-open", 2, 60, "fail-open"), "ivan")));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(2);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  test("a closed port is a failure", async () => {
    const port = await freePort();
    const connection = upstashConnection(`http://127.0.0.1:${port}`, "test-token", TIMEOUT_MS);
    const limiter = createRateLimiter(connection, { timeoutMs: TIMEOUT_MS, keyPrefix: KEY_PREFIX });
    const started = Date.now();
    expect((await rejection(limiter.check(policy("refused", 3, 60), "judy"))).code).toBe("service_unavailable");
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 200);
  });
});

describe("enforceRateLimit", () => {
  test("throws rate_limited with Retry-After and a message a person can act on", async () => {
    const signIn = getRateLimitPolicies(parseServerEnv({ RATE_LIMIT_SIGNIN_PER_MINUTE: "2" })).signIn;
    expect(signIn).toMatchObject({ limit: 2, windowSeconds: 60, onStoreFailure: "fail-closed" });
    const limiter = createRateLimiter({ kind: "memory" });
    await enforceRateLimit(signIn, "mallory", limiter);
    const second = await enforceRateLimit(signIn, "mallory", limiter);
    expect(second).toMatchObject({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    const error = await rejection(enforceRateLimit(signIn, "mallory", limiter));
    expect(error.code).toBe("rate_limited");
    expect(error.status).toBe(429);
    const seconds = error.retryAfterSeconds ?? 0;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60 + 30); // window end (≤ 60 s) + 60 s / 2
    expect(error.message).toBe(`Too many sign-in attempts; try again in ${seconds} s.`);
  });

  test("the app policies read their limits from the env and fail closed except for reads", () => {
    const policies = getRateLimitPolicies(parseServerEnv({}));
    expect(policies.signIn).toMatchObject({ limit: 5, windowSeconds: 60, onStoreFailure: "fail-closed" });
    expect(policies.tokenIssue).toMatchObject({ limit: 10, windowSeconds: 3600, onStoreFailure: "fail-closed" });
    expect(policies.api).toMatchObject({ limit: 120, windowSeconds: 60, onStoreFailure: "fail-open" });
    expect(policies.reportCreate).toMatchObject({ limit: 10, windowSeconds: 3600, onStoreFailure: "fail-closed" });
  });
});
