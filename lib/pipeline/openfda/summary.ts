import "server-only";
import { buildCacheKey } from "@/lib/cache/keys";
import type { SummaryQuery } from "@/lib/schemas/faers-query";
import type { SummaryResponse } from "@/lib/schemas/faers-response";
import type { SourceContext } from "@/lib/pipeline/ask";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { productOf, resolveFilter } from "@/lib/pipeline/product";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import { buildUpstreamProvenance } from "@/lib/pipeline/openfda/provenance";
import { runLimited } from "@/lib/pipeline/run-limited";
import { deviceBreakdownTasks, drugBreakdownTasks } from "@/lib/pipeline/openfda/summary-breakdowns";
import { buildSearch, endpointFor } from "@/lib/sources/openfda/query-builder";
import { fetchTotal } from "@/lib/sources/openfda/readers";

/** Breakdowns started at once; their openFDA calls are bounded by the client (OPENFDA_MAX_CONCURRENCY). */
const SUMMARY_CONCURRENCY = 4;

/** Breakdowns of one product's reports by seriousness, outcome, sex, age band, country and reporter (drugs) or event type, outcome, source and class (devices). */
export async function openFdaSummary(
  query: SummaryQuery,
  ctx: SourceContext,
  deps: OpenFdaSourceDeps,
): Promise<PipelineAnswer<SummaryResponse>> {
  const filter = resolveFilter(query, ctx.today);
  const endpoint = endpointFor(filter);
  const search = buildSearch(filter);
  const key = buildCacheKey("summary", filter);

  const result = await deps.cached(key, deps.policy, async () => {
    const total = await fetchTotal(deps.client, endpoint, search);
    const tasks =
      total.data === 0
        ? []
        : endpoint === "drug/event"
          ? drugBreakdownTasks(deps.client, search, total.data)
          : deviceBreakdownTasks(deps.client, search, total.data);
    const parts = await runLimited(tasks, SUMMARY_CONCURRENCY);
    return {
      product: productOf(filter),
      from: filter.from,
      to: filter.to,
      total: total.data,
      breakdowns: parts.map((p) => p.breakdown),
      provenance: buildUpstreamProvenance(endpoint, search, [...total.calls, ...parts.flatMap((p) => p.calls)], [
        "Each breakdown counts distinct reports per value (openFDA count); 'Unknown / not reported' is the total minus the reports with a listed value.",
        "Term counts are openFDA's top 1000 values.",
      ]),
    };
  });

  return toAnswer<SummaryResponse>(result);
}
