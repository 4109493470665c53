import "server-only";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { updateAtomically } from "@/lib/cache/update-atomically";
import { alertRecordSchema, type AlertRecord } from "@/lib/schemas/alerts";

// Stored alerts (issue #12): the record (JSON, no TTL: alerts are part of the signal-management trail),
// an append-only list of all alert ids in the order they were raised (newest at the tail, so listing
// newest-first reads it backwards and a cursor is a position in it), one such list per watchlist, and
// per fingerprint the id of the latest alert raised for it (what the next scan compares against).
// Visibility is the use cases' job (lib/alerts/visibility.ts).

export type AlertStore = {
  /** Writes the record unless one with its id exists (ids are random: a clash is a bug). Not yet indexed. */
  put(record: AlertRecord): Promise<boolean>;
  get(id: string): Promise<AlertRecord | null>;
  /** Deletes a record never indexed (a raise that lost its fingerprint claim). */
  discard(id: string): Promise<void>;
  /** Atomic read-modify-write; `change` returns null to leave it. Null when the record is gone. */
  update(id: string, change: (record: AlertRecord) => AlertRecord | null): Promise<AlertRecord | null>;
  /** Adds a stored record to the listing indexes (all alerts, and its watchlist's). */
  index(record: AlertRecord): Promise<void>;
  /** The id of the latest alert raised for a fingerprint. */
  latestForFingerprint(fingerprint: string): Promise<string | null>;
  /**
   * Makes `next` the latest alert of `fingerprint` only if the latest is still `expected` (null: none
   * yet): the claim that stops two scans at once from raising the same finding twice.
   */
  claimFingerprint(fingerprint: string, expected: string | null, next: string): Promise<boolean>;
  /** How many ids the listing index holds (all alerts, or one watchlist's). */
  count(watchlistId?: string): Promise<number>;
  /** Ids at positions [start, stop] (inclusive, oldest = 0) of the listing index. */
  idsAt(start: number, stop: number, watchlistId?: string): Promise<string[]>;
};

export function createAlertStore(store: StateStore, prefix = "cer:"): AlertStore {
  const recordKey = (id: string) => `${prefix}alert:${id}`;
  const allKey = `${prefix}alerts:all`;
  const watchlistKey = (id: string) => `${prefix}alerts:watchlist:${id}`;
  // Fingerprints are free text up to 300 characters (they name reaction terms): encoded, so no ":" or
  // space in them can run into another key.
  const fingerprintKey = (fingerprint: string) => `${prefix}alerts:fingerprint:${Buffer.from(fingerprint).toString("base64url")}`;
  const parse = (raw: string) => alertRecordSchema.parse(JSON.parse(raw));
  const listKey = (watchlistId?: string) => (watchlistId === undefined ? allKey : watchlistKey(watchlistId));

  return {
    async put(record) {
      return store.compareAndSet(recordKey(record.id), null, JSON.stringify(record));
    },
    async get(id) {
      const raw = await store.get(recordKey(id));
      return raw === null ? null : parse(raw);
    },
    async discard(id) {
      await store.delete(recordKey(id));
    },
    async update(id, change) {
      return (await updateAtomically(store, recordKey(id), parse, change))?.value ?? null;
    },
    async index(record) {
      await store.appendToList(allKey, record.id);
      if (record.watchlistId !== null) await store.appendToList(watchlistKey(record.watchlistId), record.id);
    },
    async latestForFingerprint(fingerprint) {
      return store.get(fingerprintKey(fingerprint));
    },
    async claimFingerprint(fingerprint, expected, next) {
      return store.compareAndSet(fingerprintKey(fingerprint), expected, next);
    },
    async count(watchlistId) {
      return store.listLength(listKey(watchlistId));
    },
    async idsAt(start, stop, watchlistId) {
      if (stop < start || stop < 0) return [];
      return store.listRange(listKey(watchlistId), Math.max(0, start), stop);
    },
  };
}

let cached: { store: StateStore; alerts: AlertStore } | undefined;

/** The process's alert store, over the process's state store. */
export function getAlertStore(): AlertStore {
  const store = getStateStore();
  if (cached?.store !== store) cached = { store, alerts: createAlertStore(store) };
  return cached.alerts;
}
