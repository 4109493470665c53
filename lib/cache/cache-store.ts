export type CacheKind = "memory" | "redis" | "upstash";

/**
 * A string key/value store with per-entry TTL. Backends never throw on get/set: a failing backend
 * behaves like an empty cache (the app keeps answering, uncached) and reports itself via `ping`.
 */
export interface CacheStore {
  readonly kind: CacheKind;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
