import "server-only";
import { buildCacheKey } from "@/lib/cache/keys";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import type { TrendQuery } from "@/lib/schemas/faers-query";
import type { TrendResponse } from "@/lib/schemas/faers-response";

/**
 * An analysis derived from a trend (forecast, spikes), cached under the trend's filters, its resolved
 * range (open ends are filled with today or the as-of date), its source and its retrieval time, so that
 * new data means a new run.
 */
export async function cacheDerivedFromTrend<R>(
  resource: string,
  trendQuery: TrendQuery,
  trend: TrendResponse,
  keyParts: Record<string, unknown>,
  deps: Pick<PipelineDeps, "cached" | "policy">,
  analyze: () => R | Promise<R>,
): Promise<R> {
  const key = buildCacheKey(resource, {
    ...trendQuery,
    ...keyParts,
    from: trend.from,
    to: trend.to,
    source: trend.provenance.source,
    retrievedAt: trend.provenance.retrievedAt,
  });
  const { value } = await deps.cached(key, deps.policy, async () => analyze());
  return value;
}
