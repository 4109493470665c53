import "server-only";
import { invalidInput } from "@/lib/errors/app-error";
import type { CasesQuery } from "@/lib/schemas/faers-query";
import type { CasesResponse } from "@/lib/schemas/faers-response";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { productOf } from "@/lib/pipeline/product";
import { FaersQueryError } from "@/lib/sources/faers-files";
import { buildFaersFilesProvenance, describeFilter, toFaersFilesAnswer, toFaersFilter, type Uncached } from "./common";

/** A page of one drug's reports (line listing) from the imported FAERS files, as CaseReports. */
export async function faersFileCases(query: CasesQuery, d: FaersFilesDeps): Promise<PipelineAnswer<CasesResponse>> {
  const { limit, cursor, ...filterInput } = query;
  const filter = toFaersFilter(filterInput);
  const roles = "any" as const;
  let page;
  try {
    page = d.source.cases({ ...filter, roles, limit, ...(cursor === undefined ? {} : { cursor }) });
  } catch (error) {
    if (error instanceof FaersQueryError) throw invalidInput(error.message, { parameter: "cursor" });
    throw error;
  }
  const body: Uncached<CasesResponse> = {
    product: productOf(filterInput),
    total: page.total,
    data: page.data,
    nextCursor: page.nextCursor,
    quality: page.quality,
    provenance: buildFaersFilesProvenance(d, describeFilter(filter, roles), roles, page.notes, [
      "Records are the import's normalized CaseReports (rules in `quality`, version in normalizationRulesVersion); `faers` holds what only the files know (primaryid, caseid, role codes, OUTC codes).",
    ]),
  };
  return toFaersFilesAnswer<CasesResponse>(body);
}
