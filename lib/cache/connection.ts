import "server-only";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";

/**
 * The Redis connection behind app state and rate limits (the cache keeps its own, with its outage
 * guard). Upstash when configured, else REDIS_URL, else none (in-memory). Same timeouts as the cache:
 * an outage costs one command timeout, never a hang (reliability.md §2.2).
 */
export type BackendConnection =
  | { kind: "memory" }
  | { kind: "redis"; client: Redis; whenReady: () => Promise<void> }
  | { kind: "upstash"; client: UpstashRedis };

const globalForConnection = globalThis as unknown as { cerBackendConnection?: BackendConnection };

function connectRedis(url: string, timeoutMs: number): BackendConnection {
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
      logger.warn("state.redis_error", { error: error.message });
    }
  });
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
      }, timeoutMs);
      client.once("ready", onReady);
    });
  };
  return { kind: "redis", client, whenReady };
}

export function getBackendConnection(): BackendConnection {
  if (globalForConnection.cerBackendConnection) return globalForConnection.cerBackendConnection;
  const env = getEnv();
  let connection: BackendConnection;
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    connection = {
      kind: "upstash",
      client: new UpstashRedis({
        url: env.UPSTASH_REDIS_REST_URL,
        token: env.UPSTASH_REDIS_REST_TOKEN,
        retry: false,
        automaticDeserialization: false,
        enableTelemetry: false,
        signal: () => AbortSignal.timeout(env.CACHE_TIMEOUT_MS),
      }),
    };
  } else if (env.REDIS_URL) {
    connection = connectRedis(env.REDIS_URL, env.CACHE_TIMEOUT_MS);
  } else {
    connection = { kind: "memory" };
  }
  globalForConnection.cerBackendConnection = connection;
  return connection;
}

/** For tests: drop the process-wide connection so a changed env takes effect. */
export function resetBackendConnectionForTests(): void {
  const connection = globalForConnection.cerBackendConnection;
  if (connection?.kind === "redis") connection.client.disconnect();
  globalForConnection.cerBackendConnection = undefined;
}
