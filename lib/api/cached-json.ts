import type { CacheStatus } from "@/lib/cache/cached";
import { jsonResponse } from "@/lib/api/respond";

/** A JSON answer from the pipeline cache: says HIT/MISS/STALE and lets browsers reuse it briefly. */
export function cachedJson(body: unknown, cache: CacheStatus): Response {
  return jsonResponse(body, {
    headers: { "x-cache": cache, "cache-control": "public, max-age=60, stale-while-revalidate=300" },
  });
}
