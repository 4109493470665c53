import "server-only";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { getBackendConnection } from "@/lib/cache/connection";
import { createRedisStore } from "@/lib/cache/redis-store";
import { createUpstashStore } from "@/lib/cache/upstash-store";

// One store per process, kept on globalThis so module re-evaluation (dev, route bundles) shares it.
const globalForCache = globalThis as unknown as { cerCacheStore?: CacheStore };

/** Upstash when its URL and token are set, else Redis when REDIS_URL is set, else in-memory. */
export function getCacheStore(): CacheStore {
  if (globalForCache.cerCacheStore) return globalForCache.cerCacheStore;
  const connection = getBackendConnection();
  let store: CacheStore;
  if (connection.kind === "upstash") {
    store = createUpstashStore({ client: connection.client });
  } else if (connection.kind === "redis") {
    store = createRedisStore({ connection });
  } else {
    store = createMemoryStore();
  }
  globalForCache.cerCacheStore = store;
  return store;
}
