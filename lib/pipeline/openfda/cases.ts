import "server-only";
import { NORMALIZATION_RULES_VERSION, normalizeDeviceEvents, normalizeDrugEvents } from "@/lib/analytics/normalize";
import { buildCacheKey } from "@/lib/cache/keys";
import type { CasesQuery } from "@/lib/schemas/faers-query";
import type { CasesResponse } from "@/lib/schemas/faers-response";
import { decodeCursorOrThrow, encodeCursor } from "@/lib/pipeline/openfda/cursor";
import type { SourceContext } from "@/lib/pipeline/ask";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { productOf, resolveFilter } from "@/lib/pipeline/product";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import { buildUpstreamProvenance } from "@/lib/pipeline/openfda/provenance";
import { buildSearch, endpointFor } from "@/lib/sources/openfda/query-builder";
import { fetchRecordsPage } from "@/lib/sources/openfda/readers";

/** A page of normalized reports (line listing), with the data-quality summary of that page. */
export async function openFdaCases(
  query: CasesQuery,
  ctx: SourceContext,
  deps: OpenFdaSourceDeps,
): Promise<PipelineAnswer<CasesResponse>> {
  const { limit, cursor, ...filterInput } = query;
  const searchAfter = cursor === undefined ? undefined : decodeCursorOrThrow(cursor);
  const filter = resolveFilter(filterInput, ctx.today);
  const endpoint = endpointFor(filter);
  const search = buildSearch(filter);
  // The rules version is part of the key: a page normalized by older rules has other fields.
  const key = buildCacheKey("cases", { ...filter, limit, searchAfter, rules: NORMALIZATION_RULES_VERSION });

  const result = await deps.cached(key, deps.policy, async () => {
    const page = await fetchRecordsPage(deps.client, endpoint, search, { limit, searchAfter });
    const normalized = endpoint === "drug/event" ? normalizeDrugEvents(page.data.records) : normalizeDeviceEvents(page.data.records);
    return {
      product: productOf(filter),
      total: page.data.total,
      data: normalized.reports,
      nextCursor: page.data.nextSearchAfter ? encodeCursor(page.data.nextSearchAfter) : null,
      quality: normalized.quality,
      provenance: buildUpstreamProvenance(endpoint, search, page.calls, [
        "Records are normalized by the rules listed in `quality` (version in normalizationRulesVersion).",
        "Pages follow openFDA's search_after cursor, so paging is not limited to 25,000 records.",
      ]),
    };
  });

  return toAnswer<CasesResponse>(result);
}
