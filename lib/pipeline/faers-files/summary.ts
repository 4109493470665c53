import "server-only";
import type { SummaryQuery } from "@/lib/schemas/faers-query";
import type { SummaryResponse } from "@/lib/schemas/faers-response";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { productOf } from "@/lib/pipeline/product";
import { buildFaersFilesProvenance, describeFilter, resolveRange, toFaersFilesAnswer, toFaersFilter, type Uncached } from "./common";

/** Breakdowns of one drug's reports by seriousness, criteria, sex, age band, country and reporter, from the imported FAERS files. */
export async function faersFileSummary(query: SummaryQuery, d: FaersFilesDeps): Promise<PipelineAnswer<SummaryResponse>> {
  const filter = toFaersFilter(query);
  const roles = "any" as const;
  const { from, to } = resolveRange(query, d);
  const result = d.source.summary({ ...filter, roles });
  const body: Uncached<SummaryResponse> = {
    product: productOf(query),
    from,
    to,
    total: result.total,
    // Reports with no match have nothing to break down (as the openFDA summary).
    breakdowns: result.total === 0 ? [] : result.breakdowns,
    provenance: buildFaersFilesProvenance(d, describeFilter(filter, roles), roles, result.notes),
  };
  return toFaersFilesAnswer<SummaryResponse>(body);
}
