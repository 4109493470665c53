import "server-only";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createOutageGuard } from "@/lib/cache/outage-guard";
import { connectRedis, type RedisConnection } from "@/lib/cache/redis-connection";

/**
 * The cache on Redis over TCP: the connection's timeouts (lib/cache/redis-connection.ts) plus an outage
 * guard, so a failing Redis reads as an empty cache and is skipped for a second.
 */
export function createRedisStore(options: { url: string; timeoutMs: number } | { connection: RedisConnection }): CacheStore {
  const { client, whenReady } = "connection" in options ? options.connection : connectRedis(options.url, options.timeoutMs);
  const guard = createOutageGuard({ skipMs: 1000 });

  return {
    kind: "redis",
    get: (key) =>
      guard.run(async () => {
        await whenReady();
        return client.get(key);
      }, null),
    set: (key, value, ttlSeconds) =>
      guard.run(async () => {
        await whenReady();
        await client.set(key, value, "EX", Math.max(1, Math.round(ttlSeconds)));
      }, undefined),
    async ping() {
      try {
        return (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async close() {
      client.disconnect();
    },
  };
}
