import "server-only";
import { buildCacheKey } from "@/lib/cache/keys";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import type { TrendQuery } from "@/lib/schemas/faers-query";

/**
 * An analysis derived from a cached trend (forecast, spikes), cached under the trend's retrieval time
 * so that new data means a new run, and under today's date (open-ended ranges end today).
 */
export async function cacheDerivedFromTrend<R>(
  resource: string,
  trend: { query: TrendQuery; retrievedAt: string },
  keyParts: Record<string, unknown>,
  deps: PipelineDeps,
  analyze: () => R | Promise<R>,
): Promise<R> {
  const key = buildCacheKey(resource, { ...trend.query, ...keyParts, retrievedAt: trend.retrievedAt, today: deps.today() });
  const { value } = await deps.cached(key, deps.policy, async () => analyze());
  return value;
}
