import type { CacheStatus } from "@/lib/cache/cached";
import { withSpan } from "@/lib/observability/with-span";

/**
 * The span of one cached read (lookup, and the load on a miss). It names the key's resource
 * (`cer:v2:<resource>:<hash>` → "cer:v2:<resource>") and the outcome; the hash alone would only add cardinality.
 */
export function withCacheSpan<R extends { status: CacheStatus }>(key: string, run: () => Promise<R>): Promise<R> {
  return withSpan("cache.read", () => ({ "cache.resource": key.includes(":") ? key.slice(0, key.lastIndexOf(":")) : key }), async (span) => {
    const result = await run();
    span.setAttribute("cache.status", result.status);
    return result;
  });
}
