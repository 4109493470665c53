import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { queryAudit } from "@/lib/audit/query-audit";
import { REDACTED } from "@/lib/audit/redact";
import { recordAudit } from "@/lib/audit/record-audit";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createUpstashStateStore } from "@/lib/cache/upstash-state-store";
import { AUDIT_ACTIONS, auditEntrySchema, type AuditEntry, type AuditEntryInput } from "@/lib/schemas/audit";
import { REDIS_URL, startPrivateRedis, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";

// The audit log against real Redis, directly (ioredis) and through the Upstash REST protocol, with the
// same client settings as lib/cache/connection.ts (reliability.md §2.2): an outage costs one timeout.
const TIMEOUT_MS = 200;
// The 500-concurrent-writes tests are about losing nothing, not about timeouts: under the full suite's
// load a 200 ms budget per call is flaky there, so the healthy-path clients get more.
const HEALTHY_TIMEOUT_MS = 2_000;
const COUNT = 500;

type Backend = { store: StateStore; close(): Promise<void> };

async function redisBackend(url: string, timeoutMs = TIMEOUT_MS): Promise<Backend & { client: Redis }> {
  const client = new Redis(url, {
    commandTimeout: timeoutMs,
    connectTimeout: 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on("error", () => undefined); // each failed command surfaces as an AppError instead
  const whenReady = () =>
    client.status === "ready"
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("Redis is not connected")), timeoutMs);
          client.once("ready", () => (clearTimeout(timer), resolve()));
        });
  for (let i = 0; i < 50 && client.status !== "ready"; i++) await new Promise((r) => setTimeout(r, 50));
  return { client, store: createRedisStateStore(client, whenReady), close: async () => client.disconnect() };
}

async function upstashBackend(redisUrl: string, timeoutMs = TIMEOUT_MS): Promise<Backend> {
  const bridge: UpstashBridge = await startUpstashBridge({ redisUrl });
  const client = new UpstashRedis({
    url: bridge.url,
    token: bridge.token,
    retry: false,
    automaticDeserialization: false,
    enableTelemetry: false,
    signal: () => AbortSignal.timeout(timeoutMs),
  });
  return { store: createUpstashStateStore(client), close: () => bridge.close() };
}

function inputFor(i: number): AuditEntryInput {
  return {
    action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? "auth.sign_in",
    outcome: i % 4 === 0 ? "denied" : "success",
    actor: { userId: `user-${i % 10}`, email: `user${i % 10}@example.org`, via: i % 2 === 0 ? "session" : "pat" },
    target: { type: "report", id: `report-${i}` },
    source: { ip: "203.0.113.9", userAgent: "vitest\r\nforged line" },
    details: { seq: i, apiKey: "would-be-secret" },
  };
}

async function readAll(options: { store: StateStore; key: string }, filter: { actorUserId?: string; outcome?: "denied" } = {}) {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await queryAudit({ ...filter, cursor, limit: 200 }, options);
    entries.push(...page.entries);
    if (page.nextCursor === null) return entries;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

const raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const backends: Record<string, Backend> = {};
const keys: string[] = [];

beforeAll(async () => {
  backends.redis = await redisBackend(REDIS_URL, HEALTHY_TIMEOUT_MS);
  backends.upstash = await upstashBackend(REDIS_URL, HEALTHY_TIMEOUT_MS);
});

afterAll(async () => {
  if (keys.length > 0) await raw.del(...keys);
  raw.disconnect();
  await Promise.all(Object.values(backends).map((b) => b.close()));
});

describe.each(["redis", "upstash"])("audit log on %s", (kind) => {
  test(`${COUNT} concurrent writes: all stored, none lost, each a valid sanitized line`, async () => {
    const key = `${testPrefix(`audit-${kind}`)}log`;
    keys.push(key);
    const options = { store: (backends[kind] as Backend).store, key };
    const written = await Promise.all(Array.from({ length: COUNT }, (_, i) => recordAudit(inputFor(i), options)));

    expect(await raw.llen(key)).toBe(COUNT);
    const lines = await raw.lrange(key, 0, -1);
    const stored = lines.map((line) => auditEntrySchema.parse(JSON.parse(line)));
    expect(new Set(stored.map((e) => e.id))).toEqual(new Set(written.map((e) => e.id)));
    expect(new Set(stored.map((e) => e.details?.seq))).toEqual(new Set(Array.from({ length: COUNT }, (_, i) => i)));
    for (const line of lines) {
      expect(line).not.toContain("would-be-secret");
      expect(line).not.toMatch(/\\r|\\n/);
    }
    expect(stored[0]?.details?.apiKey).toBe(REDACTED);

    const all = await readAll(options);
    expect(all).toHaveLength(COUNT);
    // Newest first is list order reversed (concurrent writers' clocks may tie, so order is by position).
    expect(all.map((e) => e.id)).toEqual(stored.map((e) => e.id).reverse());
  });

  test("filters return exactly the matching entries", async () => {
    const key = `${testPrefix(`audit-filter-${kind}`)}log`;
    keys.push(key);
    const options = { store: (backends[kind] as Backend).store, key };
    await Promise.all(Array.from({ length: 300 }, (_, i) => recordAudit(inputFor(i), options)));

    const byUser = await readAll(options, { actorUserId: "user-3" });
    expect(byUser.map((e) => e.details?.seq).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 30 }, (_, i) => 3 + 10 * i),
    );
    const denied = await readAll(options, { outcome: "denied" });
    expect(denied).toHaveLength(75);
    expect(denied.every((e) => e.outcome === "denied" && Number(e.details?.seq) % 4 === 0)).toBe(true);
    const one = await queryAudit({ action: "report.requested", targetId: "report-11" }, options);
    expect(one.entries.map((e) => e.target?.id)).toEqual(["report-11"]);
  });
});

/** Time one failing write: it must reject with service_unavailable, and quickly. */
async function expectUnavailable(store: StateStore, key: string): Promise<void> {
  const started = performance.now();
  const error = await recordAudit(inputFor(1), { store, key }).then(
    () => null,
    (e: unknown) => e,
  );
  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("service_unavailable");
  expect(elapsed).toBeLessThan(1_000);
}

describe.each(["redis", "upstash"])("a Redis outage under %s", (kind) => {
  const backendFor = (url: string) => (kind === "redis" ? redisBackend(url) : upstashBackend(url));

  test("a frozen Redis (SIGSTOP): recordAudit throws service_unavailable within 1 s", async () => {
    const redis = await startPrivateRedis();
    const backend = await backendFor(redis.url);
    try {
      const key = `${testPrefix("audit-stop")}log`;
      await recordAudit(inputFor(0), { store: backend.store, key });
      redis.process.kill("SIGSTOP");
      await expectUnavailable(backend.store, key);
      redis.process.kill("SIGCONT");
    } finally {
      await backend.close();
      await redis.stop();
    }
  });

  test("a killed Redis: recordAudit throws service_unavailable within 1 s", async () => {
    const redis = await startPrivateRedis();
    const backend = await backendFor(redis.url);
    // stop() once only: after SIGKILL the child's exitCode stays null, so a second stop() would wait forever.
    let stopped = false;
    try {
      const key = `${testPrefix("audit-kill")}log`;
      await recordAudit(inputFor(0), { store: backend.store, key });
      stopped = true;
      await redis.stop();
      await expectUnavailable(backend.store, key);
      await expectUnavailable(backend.store, key);
    } finally {
      await backend.close();
      if (!stopped) await redis.stop();
    }
  });
});
