import "server-only";
import { MAX_FORECAST_POINTS } from "@/lib/analytics/forecast";
import { completePeriods } from "@/lib/analytics/series/aggregate-daily-counts";
import { FREQUENCY, nextPeriods } from "@/lib/analytics/series/periods";
import type { ProductForecastResponse } from "@/lib/schemas/analytics-response";
import type { ProductForecastQuery } from "@/lib/schemas/faers-query";
import { cacheDerivedFromTrend } from "@/lib/pipeline/cache-derived-from-trend";
import { computedAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import type { Ask } from "@/lib/pipeline/ask";
import { getPipelineDeps, type PipelineDeps } from "@/lib/pipeline/deps";
import { getTrend } from "@/lib/pipeline/questions";
import { assertSeriesFits } from "@/lib/pipeline/series-limit";
import { runAnalytics } from "@/lib/workers/analytics-pool";

/**
 * Forecast of a product's report counts: the cached trend, its complete periods only (partial periods
 * are still filling up), then the pure forecaster. Steps are labelled with the periods they cover.
 */
export async function getForecast(
  query: ProductForecastQuery,
  ask: Ask,
  deps: PipelineDeps = getPipelineDeps(),
): Promise<PipelineAnswer<ProductForecastResponse>> {
  const { horizon, levels, ...trendQuery } = query;
  const trend = await getTrend(trendQuery, ask, deps);
  const { series, provenance, product, interval } = trend.body;
  const complete = completePeriods(series);
  const last = complete.at(-1);
  if (complete.length === 0) {
    return computedAnswer(
      {
        product,
        interval,
        series,
        fittedOn: { first: null, last: null, points: 0 },
        model: "none",
        parameters: {},
        forecast: [],
        notes: [`No complete ${interval} in the range to fit a model on; widen the dates.`],
        provenance,
      },
      trend.cache,
    );
  }
  assertSeriesFits("forecast", { interval, from: trendQuery.from, to: trendQuery.to }, complete.length, MAX_FORECAST_POINTS);
  const result = await cacheDerivedFromTrend("forecast", trendQuery, trend.body, { horizon, levels }, deps, () =>
    runAnalytics("forecast", { values: complete.map((p) => p.count), frequency: FREQUENCY[interval], horizon, levels, seed: 1 }),
  );
  const labels = last ? nextPeriods(last.end, interval, horizon) : [];
  return computedAnswer(
    {
      product,
      interval,
      series,
      fittedOn: { first: complete[0]?.period ?? null, last: last?.period ?? null, points: complete.length },
      model: result.model,
      parameters: { ...result.parameters, aicc: result.aicc, transform: result.transform },
      forecast: result.forecast.map((f) => ({ ...f, period: labels[f.step - 1]?.period })),
      notes: [
        `Fitted on ${complete.length} complete ${interval}s; ${series.length - complete.length} partial period(s) left out.`,
        ...result.notes,
      ],
      provenance: { ...provenance, rules: [...provenance.rules, `Forecast: ${result.method} ${result.model} selected by AICc; intervals at ${levels.join("% and ")}%, floored at 0.`] },
    },
    trend.cache,
  );
}
