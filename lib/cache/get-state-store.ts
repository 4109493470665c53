import "server-only";
import { getBackendConnection } from "@/lib/cache/connection";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createUpstashStateStore } from "@/lib/cache/upstash-state-store";

const globalForState = globalThis as unknown as { cerStateStore?: StateStore };

/** One state store per process, on the same backend choice as the cache (Upstash > Redis > memory). */
export function getStateStore(): StateStore {
  if (globalForState.cerStateStore) return globalForState.cerStateStore;
  const connection = getBackendConnection();
  const store =
    connection.kind === "upstash"
      ? createUpstashStateStore(connection.client)
      : connection.kind === "redis"
        ? createRedisStateStore(connection.client, connection.whenReady)
        : createMemoryStateStore();
  globalForState.cerStateStore = store;
  return store;
}

/** For tests: use this store for the rest of the process. */
export function setStateStoreForTests(store: StateStore | undefined): void {
  globalForState.cerStateStore = store;
}
