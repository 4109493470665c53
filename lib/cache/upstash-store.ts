import "server-only";
import { Redis } from "@upstash/redis";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createOutageGuard } from "@/lib/cache/outage-guard";
import { logger } from "@/lib/observability/logger";

/**
 * Upstash Redis over REST. @upstash/redis has no default timeout and retries for ~4 s, so: no retries
 * and a per-request timeout given as a signal *factory* (a static aborted signal makes the SDK return
 * a 200 whose result is "Aborted", which must never be cached).
 */
export function createUpstashStore(options: { url: string; token: string; timeoutMs: number } | { client: Redis }): CacheStore {
  const client =
    "client" in options
      ? options.client
      : new Redis({
          url: options.url,
          token: options.token,
          retry: false,
          automaticDeserialization: false,
          enableTelemetry: false,
          signal: () => AbortSignal.timeout(options.timeoutMs),
        });
  const guard = createOutageGuard({
    skipMs: 1000,
    onFailure: (error) => logger.warn("cache.upstash_error", { error: error instanceof Error ? error.message : String(error) }),
  });

  return {
    kind: "upstash",
    get: (key) =>
      guard.run(async () => {
        const value = await client.get<string>(key);
        return typeof value === "string" ? value : null;
      }, null),
    set: (key, value, ttlSeconds) =>
      guard.run(async () => {
        await client.set(key, value, { ex: Math.max(1, Math.round(ttlSeconds)) });
      }, undefined),
    async ping() {
      try {
        return (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async close() {},
  };
}
