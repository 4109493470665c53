import type { CacheKind } from "@/lib/cache/cache-store";

/**
 * The app's own records (users, sessions, tokens, audit log, rate-limit counters). Unlike the cache,
 * a failing backend does not read as "empty": every call throws an AppError `service_unavailable`,
 * so sign-in and authorization fail closed instead of treating an outage as "no such user".
 */
export type StateSetOptions = { ttlSeconds?: number; onlyIfAbsent?: boolean; onlyIfPresent?: boolean };

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
}
