import "server-only";
import { Redis } from "ioredis";
import { logger } from "@/lib/observability/logger";

export type RedisConnection = { client: Redis; whenReady: () => Promise<void> };

/**
 * One ioredis client with the settings that keep an outage from becoming a hang (reliability.md §2.2):
 * a command timeout, no offline queue (fail fast while disconnected), one retry per request, capped
 * reconnect backoff, and an error listener that logs at most one line per 10 s.
 */
export function connectRedis(url: string, timeoutMs: number): RedisConnection {
  const client = new Redis(url, {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 500),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn("redis.error", { error: error.message });
    }
  });

  // With the offline queue off, commands sent while connecting fail at once; the first requests after
  // boot would then all fail. Wait for the connection, but no longer than one command timeout.
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
      }, timeoutMs);
      client.once("ready", onReady);
    });
  }
  return { client, whenReady };
}
