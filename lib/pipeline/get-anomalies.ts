import "server-only";
import { MAX_SERIES_LENGTH } from "@/lib/analytics/anomalies";
import { budgetAnomalyMethod } from "@/lib/pipeline/anomaly-method-budget";
import { FREQUENCY } from "@/lib/analytics/series/periods";
import type { ProductAnomaliesResponse } from "@/lib/schemas/analytics-response";
import type { ProductAnomaliesQuery } from "@/lib/schemas/faers-query";
import { cacheDerivedFromTrend } from "@/lib/pipeline/cache-derived-from-trend";
import { computedAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import type { Ask } from "@/lib/pipeline/ask";
import { getPipelineDeps, type PipelineDeps } from "@/lib/pipeline/deps";
import { getTrend } from "@/lib/pipeline/questions";
import { assertSeriesFits } from "@/lib/pipeline/series-limit";
import { runAnalytics } from "@/lib/workers/analytics-pool";

/** Spikes in a product's report counts, on complete periods only; each flag says its method and threshold. */
export async function getAnomalies(
  query: ProductAnomaliesQuery,
  ask: Ask,
  deps: PipelineDeps = getPipelineDeps(),
): Promise<PipelineAnswer<ProductAnomaliesResponse>> {
  const { method, ...trendQuery } = query;
  const trend = await getTrend(trendQuery, ask, deps);
  const { series, provenance, product, interval } = trend.body;
  // Indices refer to `series`; partial periods are skipped, not scored.
  const completeIndex = series.flatMap((p, i) => (p.partial ? [] : [i]));
  if (completeIndex.length === 0) {
    return computedAnswer(
      { product, interval, series, method: "none", parameters: {}, anomalies: [], notes: [`No complete ${interval} in the range to score; widen the dates.`], provenance },
      trend.cache,
    );
  }
  assertSeriesFits("anomalies", { interval, from: trendQuery.from, to: trendQuery.to }, completeIndex.length, MAX_SERIES_LENGTH);
  const budget = budgetAnomalyMethod(method, completeIndex.length);
  const result = await cacheDerivedFromTrend("anomalies", trendQuery, trend.body, { method: budget.method }, deps, () =>
    runAnalytics("anomalies", { values: completeIndex.map((i) => series[i]?.count ?? 0), frequency: FREQUENCY[interval], method: budget.method }),
  );
  return computedAnswer(
    {
      product,
      interval,
      series,
      method: result.method,
      parameters: result.parameters,
      anomalies: result.anomalies.map((a) => {
        const index = completeIndex[a.index] ?? a.index;
        return { ...a, index, period: series[index]?.period };
      }),
      notes: [`${series.length - completeIndex.length} partial period(s) were not scored.`, ...(budget.note ? [budget.note] : []), ...result.notes],
      provenance: { ...provenance, rules: [...provenance.rules, `Spike detection: ${result.method}; see parameters.`] },
    },
    trend.cache,
  );
}
