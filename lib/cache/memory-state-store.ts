import type { StateStore } from "@/lib/cache/state-store";

type Entry = { value: string; expiresAt: number | null };

/** In-process state: the embedded default. Lost on restart, like the in-memory cache. */
export function createMemoryStateStore(now: () => number = Date.now): StateStore {
  const strings = new Map<string, Entry>();
  const sets = new Map<string, Set<string>>();
  const lists = new Map<string, string[]>();

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
  };
}
