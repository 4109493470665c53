import { LRUCache } from "lru-cache";
import type { CacheStore } from "@/lib/cache/cache-store";

const MAX_BYTES = 256 * 1024 * 1024;

/** In-process LRU: the embedded default when no Redis is configured. Bounded by total bytes. */
export function createMemoryStore(): CacheStore {
  const lru = new LRUCache<string, string>({
    maxSize: MAX_BYTES,
    sizeCalculation: (value, key) => value.length + key.length,
    ttlAutopurge: false,
  });
  return {
    kind: "memory",
    async get(key) {
      return lru.get(key) ?? null;
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async ping() {
      return true;
    },
    async close() {
      lru.clear();
    },
  };
}
