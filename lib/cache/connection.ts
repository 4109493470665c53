import "server-only";
import { Redis as UpstashRedis } from "@upstash/redis";
import type { Redis } from "ioredis";
import { connectRedis } from "@/lib/cache/redis-connection";
import { getEnv } from "@/lib/env";

/**
 * The process's one Redis connection, shared by the cache, app state and rate limits: Upstash when
 * configured, else REDIS_URL, else none (in-memory). An outage costs one command timeout, never a hang.
 */
export type BackendConnection =
  | { kind: "memory" }
  | { kind: "redis"; client: Redis; whenReady: () => Promise<void> }
  | { kind: "upstash"; client: UpstashRedis };

const globalForConnection = globalThis as unknown as { cerBackendConnection?: BackendConnection };

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
    connection = { kind: "redis", ...connectRedis(env.REDIS_URL, env.CACHE_TIMEOUT_MS) };
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
