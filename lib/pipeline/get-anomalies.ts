import "server-only";
import { MAX_SERIES_LENGTH, MAX_SHESD_SERIES_LENGTH, type MethodParamsInput } from "@/lib/analytics/anomalies";
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
import { describeSpikeRun, NO_SPIKE_RUN } from "@/lib/pipeline/describe-spike-run";

// v2: answers list every assessed period and each parameter's source; older cached answers did not.
const ANSWER_VERSION = 2;

/**
 * Spikes in a product's report counts, on complete periods only, with the analyst's parameters:
 * every assessed period with its expected value and bound, the alarms, and where each parameter came from.
 */
export async function getAnomalies(
  query: ProductAnomaliesQuery,
  ask: Ask,
  deps: PipelineDeps = getPipelineDeps(),
): Promise<PipelineAnswer<ProductAnomaliesResponse>> {
  const { method, params, ...trendQuery } = query;
  const trend = await getTrend(trendQuery, ask, deps);
  const { series, provenance, product, interval } = trend.body;
  // Indices refer to `series`; partial periods are skipped, not scored.
  const completeIndex = series.flatMap((p, i) => (p.partial ? [] : [i]));
  if (completeIndex.length === 0) {
    return computedAnswer(
      {
        product,
        interval,
        series,
        ...NO_SPIKE_RUN,
        notes: [`No complete ${interval} in the range to score; widen the dates.`],
        provenance,
      },
      trend.cache,
    );
  }
  assertSeriesFits("anomalies", { interval, from: trendQuery.from, to: trendQuery.to }, completeIndex.length, method === "shesd" ? MAX_SHESD_SERIES_LENGTH : MAX_SERIES_LENGTH);
  const budget = budgetAnomalyMethod(method, completeIndex.length);
  const spikeParams = (params ?? {}) as MethodParamsInput;
  const result = await cacheDerivedFromTrend("anomalies", trendQuery, trend.body, { method: budget.method, params: spikeParams, version: ANSWER_VERSION }, deps, () =>
    runAnalytics("anomalies", { values: completeIndex.map((i) => series[i]?.count ?? 0), frequency: FREQUENCY[interval], method: budget.method, params: spikeParams }),
  );
  const atPeriod = <T extends { index: number }>(a: T) => {
    const index = completeIndex[a.index] ?? a.index;
    return { ...a, index, period: series[index]?.period };
  };
  return computedAnswer(
    {
      product,
      interval,
      series,
      method: result.method,
      parameters: result.parameters,
      parameterSources: result.parameterSources,
      settings: result.settings,
      assessments: result.assessments.map(atPeriod),
      anomalies: result.anomalies.map(atPeriod),
      notes: [`${series.length - completeIndex.length} partial period(s) were not scored.`, ...(budget.note ? [budget.note] : []), ...result.notes],
      provenance: { ...provenance, rules: [...provenance.rules, `Spike detection: ${describeSpikeRun(result)}.`] },
    },
    trend.cache,
  );
}
