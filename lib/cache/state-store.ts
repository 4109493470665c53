import type { CacheKind } from "@/lib/cache/cache-store";

/**
 * The app's own records (users, sessions, tokens, audit log, rate-limit counters). Unlike the cache,
 * a failing backend does not read as "empty": every call throws an AppError `service_unavailable`,
 * so sign-in and authorization fail closed instead of treating an outage as "no such user".
 */
export type StateSetOptions = { ttlSeconds?: number; onlyIfAbsent?: boolean; onlyIfPresent?: boolean };
/** Expiry for leases and byte values: milliseconds (Redis PX) or seconds (EX); at most one. */
export type StateTtlOptions = { ttlMs?: number; ttlSeconds?: number };

export interface StateStore {
  readonly kind: CacheKind;
  get(key: string): Promise<string | null>;
  /**
   * Returns false when the condition fails: `onlyIfAbsent` and the key exists (Redis NX), or
   * `onlyIfPresent` and it does not (XX — a refresh must never resurrect a deleted record).
   */
  set(key: string, value: string, options?: StateSetOptions): Promise<boolean>;
  delete(key: string): Promise<void>;
  addToSet(key: string, member: string): Promise<void>;
  removeFromSet(key: string, member: string): Promise<void>;
  setMembers(key: string): Promise<string[]>;
  /** Appends at the tail; returns the new length. */
  appendToList(key: string, value: string): Promise<number>;
  /** Inclusive indexes; negative counts from the tail (Redis LRANGE semantics). */
  listRange(key: string, start: number, stop: number): Promise<string[]>;
  listLength(key: string): Promise<number>;

  // ---- for durable jobs and stored reports (issue #11) ----
  /**
   * Sets `key` to `next` only when its current value is `expected` (null: only when absent), in one
   * atomic step (Redis: a Lua script). Returns whether it did. Keeps no TTL unless one is given.
   */
  compareAndSet(key: string, expected: string | null, next: string, options?: StateTtlOptions): Promise<boolean>;
  /** Deletes `key` only when its value is `expected` (a lease's safe release). Returns whether it did. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /**
   * A lease: SET key token NX PX ttlMs. True when this caller now holds it. `renew` extends it only for
   * the holder (compare-and-PEXPIRE); false when the lease was lost.
   */
  acquireLease(key: string, token: string, ttlMs: number): Promise<boolean>;
  renewLease(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Binary values (PDF bytes), stored as-is (Upstash: base64 text). */
  getBytes(key: string): Promise<Uint8Array | null>;
  setBytes(key: string, value: Uint8Array, options?: StateTtlOptions): Promise<void>;
  /** Sets or replaces the TTL of an existing key; false when there is no such key. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
}
