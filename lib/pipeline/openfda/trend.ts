import "server-only";
import { aggregateDailyCounts } from "@/lib/analytics/series/aggregate-daily-counts";
import { buildCacheKey } from "@/lib/cache/keys";
import type { TrendQuery } from "@/lib/schemas/faers-query";
import type { TrendResponse } from "@/lib/schemas/faers-response";
import type { SourceContext } from "@/lib/pipeline/ask";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { productOf, resolveFilter } from "@/lib/pipeline/product";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import { buildUpstreamProvenance } from "@/lib/pipeline/openfda/provenance";
import { DATE_FIELD } from "@/lib/sources/openfda/fields";
import { buildSearch, endpointFor } from "@/lib/sources/openfda/query-builder";
import { fetchDailyCounts } from "@/lib/sources/openfda/readers";

/** Reports per period for one product, zero-filled, from openFDA's daily counts. */
export async function openFdaTrend(
  query: TrendQuery,
  ctx: SourceContext,
  deps: OpenFdaSourceDeps,
): Promise<PipelineAnswer<TrendResponse>> {
  const { interval, ...filterInput } = query;
  const filter = resolveFilter(filterInput, ctx.today);
  const endpoint = endpointFor(filter);
  const search = buildSearch(filter);
  const key = buildCacheKey("trend", { ...filter, interval });

  const result = await deps.cached(key, deps.policy, async () => {
    const daily = await fetchDailyCounts(
      deps.client,
      endpoint,
      (from, to) => buildSearch({ ...filter, from, to }),
      filter.from,
      filter.to,
    );
    const lastUpdated = daily.calls.map((c) => c.lastUpdated).find((d): d is string => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d));
    const series = aggregateDailyCounts(daily.data, { from: filter.from, to: filter.to, interval, dataCutoff: lastUpdated });
    const dataThrough = daily.data.reduce<string | null>((max, d) => (d.count > 0 && (max === null || d.date > max) ? d.date : max), null);
    return {
      product: productOf(filter),
      interval,
      from: filter.from,
      to: filter.to,
      series,
      total: series.reduce((sum, p) => sum + p.count, 0),
      dataThrough,
      provenance: buildUpstreamProvenance(endpoint, search, daily.calls, [
        `Daily counts (count=${DATE_FIELD[endpoint]}) summed into ${interval}s; periods with no reports are shown as 0.`,
        "A period is marked partial when it starts before the range or ends after the data date (the earlier of `to` and openFDA's meta.last_updated); partial periods are left out of forecasts and spike detection.",
      ]),
    };
  });

  return toAnswer<TrendResponse>(result);
}
