import "server-only";
import { aggregateDailyCounts } from "@/lib/analytics/series/aggregate-daily-counts";
import type { TrendQuery } from "@/lib/schemas/faers-query";
import type { TrendResponse } from "@/lib/schemas/faers-response";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { productOf } from "@/lib/pipeline/product";
import { buildFaersFilesProvenance, describeFilter, resolveRange, toFaersFilesAnswer, toFaersFilter, type Uncached } from "./common";

/** Reports per period for one drug from the imported FAERS files, zero-filled, same shape as the openFDA trend. */
export async function faersFileTrend(query: TrendQuery, d: FaersFilesDeps): Promise<PipelineAnswer<TrendResponse>> {
  const { interval, ...filterInput } = query;
  const filter = toFaersFilter(filterInput);
  const roles = "any" as const;
  const { from, to } = resolveRange(filterInput, d);
  const result = d.source.trend({ ...filter, roles, interval });
  const series = aggregateDailyCounts(result.days, { from, to, interval, dataCutoff: d.dataCutoff ?? undefined });
  const inRange = result.days.filter((day) => day.count > 0 && day.date >= from && day.date <= to);
  const cutoff = d.dataCutoff !== null && d.dataCutoff < to ? d.dataCutoff : to;
  const body: Uncached<TrendResponse> = {
    product: productOf(filterInput),
    interval,
    from,
    to,
    series,
    total: series.reduce((sum, p) => sum + p.count, 0),
    dataThrough: inRange.at(-1)?.date ?? null,
    provenance: buildFaersFilesProvenance(d, describeFilter(filter, roles), roles, result.notes, [
      `Reports per ${interval}, summed from daily counts.`,
      `A period is marked partial when it starts before the range or ends after the data date (${cutoff}: the earlier of \`to\` and the last imported quarter's end); partial periods are left out of forecasts and spike detection.`,
      ...(result.undated > 0 ? [`${result.undated} matching report(s) have no valid date and are not in the series.`] : []),
    ]),
  };
  return toFaersFilesAnswer<TrendResponse>(body);
}
