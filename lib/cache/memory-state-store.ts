import type { StateStore } from "@/lib/cache/state-store";

type Entry = { value: string; expiresAt: number | null };
type BytesEntry = { value: Uint8Array; expiresAt: number | null };

/** In-process state: the embedded default. Lost on restart, like the in-memory cache. */
export function createMemoryStateStore(now: () => number = Date.now): StateStore {
  const strings = new Map<string, Entry>();
  const sets = new Map<string, Set<string>>();
  const lists = new Map<string, string[]>();
  const bytes = new Map<string, BytesEntry>();
  const expiry = (options: { ttlMs?: number; ttlSeconds?: number } = {}) =>
    options.ttlMs !== undefined ? now() + options.ttlMs : options.ttlSeconds !== undefined ? now() + options.ttlSeconds * 1000 : null;

  function live(key: string): Entry | undefined {
    const entry = strings.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      strings.delete(key);
      return undefined;
    }
    return entry;
  }

  function sliceLikeRedis(items: string[], start: number, stop: number): string[] {
    const from = start < 0 ? Math.max(0, items.length + start) : start;
    const to = stop < 0 ? items.length + stop : Math.min(stop, items.length - 1);
    return from > to ? [] : items.slice(from, to + 1);
  }

  return {
    kind: "memory",
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, options = {}) {
      if (options.onlyIfAbsent && live(key)) return false;
      if (options.onlyIfPresent && !live(key)) return false;
      const expiresAt = options.ttlSeconds !== undefined ? now() + options.ttlSeconds * 1000 : null;
      strings.set(key, { value, expiresAt });
      return true;
    },
    async delete(key) {
      strings.delete(key);
      bytes.delete(key);
      sets.delete(key);
      lists.delete(key);
    },
    async addToSet(key, member) {
      const set = sets.get(key) ?? new Set<string>();
      set.add(member);
      sets.set(key, set);
    },
    async removeFromSet(key, member) {
      sets.get(key)?.delete(member);
    },
    async setMembers(key) {
      return [...(sets.get(key) ?? [])];
    },
    async appendToList(key, value) {
      const list = lists.get(key) ?? [];
      list.push(value);
      lists.set(key, list);
      return list.length;
    },
    async listRange(key, start, stop) {
      return sliceLikeRedis(lists.get(key) ?? [], start, stop);
    },
    async listLength(key) {
      return lists.get(key)?.length ?? 0;
    },
    // Each of these runs without an await between read and write: atomic in one process.
    async compareAndSet(key, expected, next, options) {
      if ((live(key)?.value ?? null) !== expected) return false;
      strings.set(key, { value: next, expiresAt: expiry(options) });
      return true;
    },
    async compareAndDelete(key, expected) {
      if (live(key)?.value !== expected) return false;
      strings.delete(key);
      return true;
    },
    async acquireLease(key, token, ttlMs) {
      if (live(key)) return false;
      strings.set(key, { value: token, expiresAt: now() + ttlMs });
      return true;
    },
    async renewLease(key, token, ttlMs) {
      const entry = live(key);
      if (entry?.value !== token) return false;
      entry.expiresAt = now() + ttlMs;
      return true;
    },
    async getBytes(key) {
      const entry = bytes.get(key);
      if (!entry) return null;
      if (entry.expiresAt !== null && entry.expiresAt <= now()) {
        bytes.delete(key);
        return null;
      }
      return Uint8Array.from(entry.value);
    },
    async setBytes(key, value, options) {
      bytes.set(key, { value: Uint8Array.from(value), expiresAt: expiry(options) });
    },
    async expire(key, ttlSeconds) {
      const entry = live(key) ?? bytes.get(key);
      if (!entry) return false;
      entry.expiresAt = now() + ttlSeconds * 1000;
      return true;
    },
  };
}
