import "server-only";
import { buildCacheKey } from "@/lib/cache/keys";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import type { TrendQuery } from "@/lib/schemas/faers-query";

/**
 * An analysis derived from a trend (forecast, spikes), cached under the trend's retrieval time so
 * that new data means a new run, and under the day that ends open ranges (today, or the as-of date).
 */
export async function cacheDerivedFromTrend<R>(
  resource: string,
  trend: { query: TrendQuery; retrievedAt: string; source: string; today: string },
  keyParts: Record<string, unknown>,
  deps: Pick<PipelineDeps, "cached" | "policy">,
  analyze: () => R | Promise<R>,
): Promise<R> {
  const key = buildCacheKey(resource, { ...trend.query, ...keyParts, source: trend.source, retrievedAt: trend.retrievedAt, today: trend.today });
  const { value } = await deps.cached(key, deps.policy, async () => analyze());
  return value;
}
