import type { CacheStore } from "@/lib/cache/cache-store";

export type CacheStatus = "HIT" | "MISS" | "STALE";

export type CachedResult<T> = { value: T; status: CacheStatus; storedAt: number };

type Entry<T> = { v: T; at: number };

export type CachePolicy = {
  /** Seconds an entry is fresh; after that the next read refetches. */
  freshSeconds: number;
  /** Seconds an entry is kept beyond freshness, to be served when the upstream fails. */
  staleSeconds: number;
};

function parseEntry<T>(raw: string | null): Entry<T> | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === "object" && "v" in parsed && "at" in parsed && typeof parsed.at === "number") {
      return parsed as Entry<T>;
    }
  } catch {
    // A corrupt entry is a miss; it will be overwritten.
  }
  return null;
}

/**
 * Cache-aside with single-flight and stale-if-error, per process.
 * - N concurrent callers of one key share one read and at most one `load` (single-flight).
 * - A fresh entry is a HIT; otherwise `load` runs and its value is stored (MISS).
 * - When `load` fails and an expired entry is still kept, that entry is served (STALE); else the error propagates.
 */
export function createCachedReader(store: CacheStore, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<CachedResult<unknown>>>();

  async function readThrough<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedResult<T>> {
    const entry = parseEntry<T>(await store.get(key));
    const age = entry ? now() - entry.at : -1;
    // An entry from the future (clock skew between instances) is not trusted as fresh.
    if (entry && age >= 0 && age < policy.freshSeconds * 1000) {
      return { value: entry.v, status: "HIT", storedAt: entry.at };
    }
    let value: T;
    try {
      value = await load();
    } catch (error) {
      if (entry) return { value: entry.v, status: "STALE", storedAt: entry.at };
      throw error;
    }
    const at = now();
    await store.set(key, JSON.stringify({ v: value, at } satisfies Entry<T>), policy.freshSeconds + policy.staleSeconds);
    return { value, status: "MISS", storedAt: at };
  }

  return function cached<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedResult<T>> {
    const running = inflight.get(key);
    if (running) return running as Promise<CachedResult<T>>;
    const promise = readThrough(key, policy, load).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  };
}
