import type { CachedResult, CacheStatus } from "@/lib/cache/cached";

/** A pipeline answer: the response JSON, its cache status, and the parsed body on demand. */
export type PipelineAnswer<T> = { json: string; cache: CacheStatus; readonly body: T };

/**
 * Adds the cache status as the last field of `provenance`, by editing the cached JSON instead of
 * parsing and re-serializing it (that round trip was a third of a cached request's CPU). Loaders put
 * `provenance` last in the answer, so the JSON ends with the provenance object's closing `}}`.
 */
export function toAnswer<T>(cached: CachedResult<unknown>): PipelineAnswer<T> {
  if (!cached.raw.endsWith("}}")) throw new Error("cached answer does not end with a provenance object");
  const json = `${cached.raw.slice(0, -2)},"cache":"${cached.status}"}}`;
  let parsed: { v: T } | undefined;
  return {
    json,
    cache: cached.status,
    get body() {
      parsed ??= { v: JSON.parse(json) as T };
      return parsed.v;
    },
  };
}

/** An answer computed per request from a cached input (forecast, spikes): it reports the input's cache status. */
export function computedAnswer<T>(body: T, cache: CacheStatus): PipelineAnswer<T> {
  return { json: JSON.stringify(body), cache, body };
}
