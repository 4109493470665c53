import "server-only";
import { Redis } from "ioredis";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createOutageGuard } from "@/lib/cache/outage-guard";
import { logger } from "@/lib/observability/logger";

/**
 * Redis over TCP. ioredis defaults turn an outage into a hang (reliability.md §2.2), so: a command
 * timeout, no offline queue (fail fast while disconnected), one retry per request, and an outage guard.
 */
export function createRedisStore(options: { url: string; timeoutMs: number }): CacheStore {
  const client = new Redis(options.url, {
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 500),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    // Reconnect errors repeat every retry; log at most one line per 10 s.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn("cache.redis_error", { error: error.message });
    }
  });
  const guard = createOutageGuard({ skipMs: 1000 });

  // With the offline queue off, commands sent while connecting fail at once; the first requests after
  // boot would then all run uncached. Wait for the connection, but no longer than one command timeout.
  function whenReady(): Promise<void> {
    if (client.status === "ready") return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off("ready", onReady);
        reject(new Error("Redis is not connected"));
      }, options.timeoutMs);
      client.once("ready", onReady);
    });
  }

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
