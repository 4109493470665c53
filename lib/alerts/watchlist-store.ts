import "server-only";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { updateAtomically } from "@/lib/cache/update-atomically";
import { watchlistRecordSchema, type WatchlistRecord } from "@/lib/schemas/watchlists";

// Stored watchlists: the record (JSON, no TTL), an index per owner and one of all watchlists (for the
// scheduled scan and admins). Visibility is decided by the use cases (lib/alerts/visibility.ts).

export type WatchlistStore = {
  /** Creates the record; false when one with its id exists. */
  create(record: WatchlistRecord): Promise<boolean>;
  get(id: string): Promise<WatchlistRecord | null>;
  /** Atomic read-modify-write; null when the record is gone. */
  update(id: string, change: (record: WatchlistRecord) => WatchlistRecord): Promise<WatchlistRecord | null>;
  listIds(owner: string | "all"): Promise<string[]>;
  remove(record: WatchlistRecord): Promise<void>;
};

export function createWatchlistStore(store: StateStore, prefix = "cer:"): WatchlistStore {
  const recordKey = (id: string) => `${prefix}watchlist:${id}`;
  const ownerKey = (owner: string) => `${prefix}watchlists:owner:${owner}`;
  const allKey = `${prefix}watchlists:all`;
  const parse = (raw: string) => watchlistRecordSchema.parse(JSON.parse(raw));

  return {
    async create(record) {
      if (!(await store.compareAndSet(recordKey(record.id), null, JSON.stringify(record)))) return false;
      await store.addToSet(ownerKey(record.owner), record.id);
      await store.addToSet(allKey, record.id);
      return true;
    },
    async get(id) {
      const raw = await store.get(recordKey(id));
      return raw === null ? null : parse(raw);
    },
    async update(id, change) {
      return (await updateAtomically(store, recordKey(id), parse, change))?.value ?? null;
    },
    async listIds(owner) {
      return store.setMembers(owner === "all" ? allKey : ownerKey(owner));
    },
    async remove(record) {
      await store.delete(recordKey(record.id));
      await store.removeFromSet(ownerKey(record.owner), record.id);
      await store.removeFromSet(allKey, record.id);
    },
  };
}

let cached: { store: StateStore; watchlists: WatchlistStore } | undefined;

/** The process's watchlist store, over the process's state store. */
export function getWatchlistStore(): WatchlistStore {
  const store = getStateStore();
  if (cached?.store !== store) cached = { store, watchlists: createWatchlistStore(store) };
  return cached.watchlists;
}
