import { AsyncLocalStorage } from "node:async_hooks";

// Why an upstream call is being made, for its log line: the cached reader runs each `load` inside
// this context ("miss": no entry; "expired": refreshing an entry past freshness). A call outside any
// cached read has none. On globalThis: each route bundle may get its own copy of this module.

export type CacheLoadReason = "miss" | "expired";

const KEY = Symbol.for("cer.cache.loadContext");
const slot = globalThis as unknown as { [KEY]?: AsyncLocalStorage<CacheLoadReason> };
const storage = (slot[KEY] ??= new AsyncLocalStorage<CacheLoadReason>());

export function runCacheLoad<T>(reason: CacheLoadReason, load: () => Promise<T>): Promise<T> {
  return storage.run(reason, load);
}

/** "miss" or "expired" inside a cached read's load; "uncached" otherwise. */
export function currentCacheLoad(): CacheLoadReason | "uncached" {
  return storage.getStore() ?? "uncached";
}
