import "server-only";
import type { ReactionsQuery } from "@/lib/schemas/faers-query";
import type { ReactionsResponse } from "@/lib/schemas/faers-response";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { productOf } from "@/lib/pipeline/product";
import { buildFaersFilesProvenance, describeFilter, toFaersFilesAnswer, toFaersFilter, type Uncached } from "./common";

/** Top MedDRA PTs of one drug by number of reports, from the imported FAERS files. */
export async function faersFileReactions(query: ReactionsQuery, d: FaersFilesDeps): Promise<PipelineAnswer<ReactionsResponse>> {
  const { top, ...filterInput } = query;
  const filter = toFaersFilter(filterInput);
  const roles = "any" as const;
  const result = d.source.reactions({ ...filter, roles, top });
  const body: Uncached<ReactionsResponse> = {
    product: productOf(filterInput),
    termKind: "MedDRA preferred term (as reported)",
    field: "REAC.pt",
    total: result.total,
    terms: result.terms,
    provenance: buildFaersFilesProvenance(d, describeFilter(filter, roles), roles, result.notes, [
      `Top ${top} of ${result.distinctTerms} distinct PTs by number of reports.`,
    ]),
  };
  return toFaersFilesAnswer<ReactionsResponse>(body);
}
