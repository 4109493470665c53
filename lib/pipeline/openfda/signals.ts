import "server-only";
import { computeMeasures, describeInconsistentTerms, measuresWithoutTable, tableFromMargins } from "@/lib/analytics/disproportionality";
import { buildCacheKey } from "@/lib/cache/keys";
import type { SignalsQuery } from "@/lib/schemas/faers-query";
import type { SignalsResponse } from "@/lib/schemas/signals-response";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import type { SourceContext } from "@/lib/pipeline/ask";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { productOf, resolveFilter } from "@/lib/pipeline/product";
import { buildUpstreamProvenance } from "@/lib/pipeline/openfda/provenance";
import { DRUG_FIELDS } from "@/lib/sources/openfda/fields";
import { buildBackgroundSearch, buildSearch } from "@/lib/sources/openfda/query-builder";
import { fetchTermCounts, fetchTotal, type UpstreamCall } from "@/lib/sources/openfda/readers";
import { quotedClause } from "@/lib/sources/openfda/search-value";
import { runLimited } from "@/lib/pipeline/run-limited";

export const SIGNALS_ROLE_CAVEAT =
  "Counts include reports naming the drug in any role (suspect, concomitant or interacting): openFDA cannot tie a role to a drug inside a query. The FAERS file source can count suspect-only.";

const EBGM_UNAVAILABLE =
  "EBGM needs its prior fitted over every drug–event pair of a contingency set, which openFDA cannot serve; use POST /api/analytics/disproportionality with report rows, or the FAERS file source.";

/**
 * Disproportionality of the top reaction terms of one drug against all other reports in the same date
 * range and filters, from four openFDA counts per pair: a = drug∧event, a+b = drug, a+c = event, N = all.
 */
export async function openFdaSignals(query: SignalsQuery, ctx: SourceContext, deps: OpenFdaSourceDeps): Promise<PipelineAnswer<SignalsResponse>> {
  const { top, ...filterInput } = query;
  const filter = resolveFilter(filterInput, ctx.today);
  const search = buildSearch(filter);
  const background = buildBackgroundSearch(filter);
  const key = buildCacheKey("signals", { ...filter, top });

  const result = await deps.cached(key, deps.policy, async () => {
    const calls: UpstreamCall[] = [];
    const [drugTerms, drugTotal, allTotal, allTerms] = await Promise.all([
      fetchTermCounts(deps.client, "drug/event", search, DRUG_FIELDS.reaction, top),
      fetchTotal(deps.client, "drug/event", search),
      fetchTotal(deps.client, "drug/event", background),
      fetchTermCounts(deps.client, "drug/event", background, DRUG_FIELDS.reaction),
    ]);
    calls.push(...drugTerms.calls, ...drugTotal.calls, ...allTotal.calls, ...allTerms.calls);
    const eventTotals = new Map(allTerms.data.map((t) => [t.term, t.count]));
    // Terms outside the background's top 1000 need their own total.
    const missing = drugTerms.data.filter((t) => !eventTotals.has(t.term));
    const extra = await runLimited(
      missing.map((t) => () => fetchTotal(deps.client, "drug/event", buildBackgroundSearch(filter, [quotedClause(DRUG_FIELDS.reaction, t.term)]))),
      4,
    );
    missing.forEach((t, i) => {
      const read = extra[i];
      if (read) {
        eventTotals.set(t.term, read.data);
        calls.push(...read.calls);
      }
    });

    const n = allTotal.data;
    const nDrug = drugTotal.data;
    const signals = drugTerms.data.map((t) => {
      const margins = { a: t.count, drugReports: nDrug, eventReports: eventTotals.get(t.term) ?? t.count, allReports: n };
      const built = tableFromMargins(margins);
      const measures = built.ok ? computeMeasures(built.table) : measuresWithoutTable(margins, built.inconsistencies);
      return { event: t.term, ...measures, ebgm: null, ebgmReason: EBGM_UNAVAILABLE };
    });
    return {
      product: productOf(filter),
      roleCaveat: SIGNALS_ROLE_CAVEAT,
      totals: { drugReports: nDrug, allReports: n },
      signals,
      provenance: buildUpstreamProvenance("drug/event", search, calls, [
        SIGNALS_ROLE_CAVEAT,
        "2×2 table per reaction term: a = reports with the drug and the term; b = drug without the term; c = term without the drug; d = neither; all within the same dates and filters.",
        "Signal rules: Evans (PRR ≥ 2, Yates χ² ≥ 4, a ≥ 3); ROR lower 95% bound > 1; IC025 > 0 (Norén shrinkage, exact gamma quantile).",
        ...describeInconsistentTerms(signals),
      ]),
    };
  });
  return toAnswer<SignalsResponse>(result);
}
