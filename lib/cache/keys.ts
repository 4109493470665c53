import { createHash } from "node:crypto";

/**
 * Bump when the shape of a cached value changes, so old entries are never read as new ones.
 * v2: product names are searched in three casings (as typed, upper, title case), so a v1 answer for a
 * device or mixed-case name may be an empty count that openFDA would now fill.
 */
export const CACHE_SCHEMA_VERSION = "v2";
const PREFIX = "cer";

/** JSON with object keys sorted, so equal queries hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

/** `cer:v2:<resource>:<sha256 of the normalized query>` — never contains the API key. */
export function buildCacheKey(resource: string, normalizedQuery: unknown): string {
  const hash = createHash("sha256").update(stableStringify(normalizedQuery)).digest("hex").slice(0, 32);
  return `${PREFIX}:${CACHE_SCHEMA_VERSION}:${resource}:${hash}`;
}
