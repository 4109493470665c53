import { withCacheSpan } from "@/lib/observability/cache-span";
import type { CacheStore } from "@/lib/cache/cache-store";
import { runCacheLoad } from "@/lib/cache/cache-load-context";
import { recordCacheLookup } from "@/lib/observability/metrics";

export type CacheStatus = "HIT" | "MISS" | "STALE";

/** A cached answer. `raw` is the value's JSON; `value` parses it only when someone asks. */
export type CachedResult<T> = { raw: string; status: CacheStatus; storedAt: number; readonly value: T };

export type CachePolicy = {
  /** Seconds an entry is fresh; after that the next read refetches. */
  freshSeconds: number;
  /** Seconds an entry is kept beyond freshness, to be served when the upstream fails. */
  staleSeconds: number;
};

// Stored as `e1:<storedAt ms>:<value JSON>`: the timestamp is read without parsing the JSON, so a hit
// can be served as the stored bytes.
const ENTRY_PREFIX = "e1:";

function parseEntry(stored: string | null): { at: number; raw: string } | null {
  if (stored === null || !stored.startsWith(ENTRY_PREFIX)) return null;
  const colon = stored.indexOf(":", ENTRY_PREFIX.length);
  if (colon < 0) return null;
  const at = Number(stored.slice(ENTRY_PREFIX.length, colon));
  const raw = stored.slice(colon + 1);
  // A corrupt entry is a miss; it will be overwritten.
  return Number.isFinite(at) && raw.length > 0 ? { at, raw } : null;
}

function result<T>(raw: string, status: CacheStatus, storedAt: number): CachedResult<T> {
  let parsed: { v: T } | undefined;
  return {
    raw,
    status,
    storedAt,
    get value() {
      parsed ??= { v: JSON.parse(raw) as T };
      return parsed.v;
    },
  };
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
    const entry = parseEntry(await store.get(key));
    const age = entry ? now() - entry.at : -1;
    // An entry from the future (clock skew between instances) is not trusted as fresh.
    if (entry && age >= 0 && age < policy.freshSeconds * 1000) {
      recordCacheLookup(store.kind, "hit");
      return result<T>(entry.raw, "HIT", entry.at);
    }
    let value: T;
    try {
      value = await runCacheLoad(entry ? "expired" : "miss", load);
    } catch (error) {
      if (entry) {
        recordCacheLookup(store.kind, "stale");
        return result<T>(entry.raw, "STALE", entry.at);
      }
      recordCacheLookup(store.kind, "miss");
      throw error;
    }
    recordCacheLookup(store.kind, "miss");
    const at = now();
    const raw = JSON.stringify(value);
    await store.set(key, `${ENTRY_PREFIX}${at}:${raw}`, policy.freshSeconds + policy.staleSeconds);
    return result<T>(raw, "MISS", at);
  }

  function shared<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedResult<T>> {
    const running = inflight.get(key);
    if (running) return running as Promise<CachedResult<T>>;
    const promise = readThrough(key, policy, load).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  return function cached<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CachedResult<T>> {
    return withCacheSpan(key, () => shared(key, policy, load));
  };
}
