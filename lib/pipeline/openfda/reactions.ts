import "server-only";
import { buildCacheKey } from "@/lib/cache/keys";
import type { ReactionsQuery } from "@/lib/schemas/faers-query";
import type { ReactionsResponse } from "@/lib/schemas/faers-response";
import type { SourceContext } from "@/lib/pipeline/ask";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { productOf, resolveFilter } from "@/lib/pipeline/product";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import { buildUpstreamProvenance } from "@/lib/pipeline/openfda/provenance";
import { DEVICE_FIELDS, DRUG_FIELDS } from "@/lib/sources/openfda/fields";
import { buildSearch, endpointFor } from "@/lib/sources/openfda/query-builder";
import { fetchTermCounts, fetchTotal } from "@/lib/sources/openfda/readers";

/** Top reaction terms (MedDRA PTs for drugs, product problems for devices) by number of reports. */
export async function openFdaReactions(
  query: ReactionsQuery,
  ctx: SourceContext,
  deps: OpenFdaSourceDeps,
): Promise<PipelineAnswer<ReactionsResponse>> {
  const { top, ...filterInput } = query;
  const filter = resolveFilter(filterInput, ctx.today);
  const endpoint = endpointFor(filter);
  const search = buildSearch(filter);
  const isDrug = endpoint === "drug/event";
  const field = isDrug ? DRUG_FIELDS.reaction : DEVICE_FIELDS.productProblem;
  const key = buildCacheKey("reactions", { ...filter, top });

  const result = await deps.cached(key, deps.policy, async () => {
    const [counts, total] = await Promise.all([
      fetchTermCounts(deps.client, endpoint, search, field, top),
      fetchTotal(deps.client, endpoint, search),
    ]);
    return {
      product: productOf(filter),
      termKind: isDrug ? "MedDRA preferred term (as reported)" : "Device product problem",
      field,
      total: total.data,
      terms: counts.data.map((t) => ({ term: t.term, count: t.count, share: total.data > 0 ? t.count / total.data : 0 })),
      provenance: buildUpstreamProvenance(endpoint, search, [...counts.calls, ...total.calls], [
        `Top ${top} terms by number of reports (count=${field}); a report with several terms counts once for each.`,
        "Share = reports with the term ÷ all reports matching the query (meta.results.total).",
      ]),
    };
  });

  return toAnswer<ReactionsResponse>(result);
}
