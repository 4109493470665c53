import "server-only";
import { computeMeasures, computeMgpsScores, type ContingencyPair } from "@/lib/analytics/disproportionality";
import type { SignalsQuery } from "@/lib/schemas/faers-query";
import type { SignalEbgm, SignalsResponse } from "@/lib/schemas/signals-response";
import type { PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { productOf } from "@/lib/pipeline/product";
import type { DrugEventTables, FaersFileFilter, FaersRoleSelection } from "@/lib/sources/faers-files";
import { runAnalytics } from "@/lib/workers/analytics-pool";
import { buildFaersFilesProvenance, describeFilter, ROLE_TEXT, toFaersFilesAnswer, toFaersFilter, type Uncached } from "./common";

/** Drug roles counted on the file source: suspect = primary suspect (PS) or secondary suspect (SS). */
export const FAERS_SIGNAL_ROLES: FaersRoleSelection = "suspect";

export const FAERS_SIGNALS_ROLE_CAVEAT =
  "Counts include only reports naming the drug as a suspect (primary suspect PS or secondary suspect SS), not as concomitant or interacting; the background is every report with a suspect drug and a reaction term.";

/** Priors kept per dataset; each is a few numbers, but filters vary, so the map is capped. */
const MAX_PRIORS = 200;

/** MGPS cells (N = a, E = (a+b)(a+c)/N) of every observed drug–event pair, as columns for the worker. */
function mgpsPoints(tables: DrugEventTables): { n: Float64Array<ArrayBuffer>; e: Float64Array<ArrayBuffer> } {
  const n = new Float64Array(tables.pairCount);
  const e = new Float64Array(tables.pairCount);
  for (let i = 0; i < tables.pairCount; i += 1) {
    const drugReports = tables.drugReports[tables.pairDrug[i] ?? 0] ?? 0;
    const eventReports = tables.eventReports[tables.pairEvent[i] ?? 0] ?? 0;
    n[i] = tables.pairReports[i] ?? 0;
    e[i] = (drugReports * eventReports) / tables.n;
  }
  return { n, e };
}

/**
 * DuMouchel's MGPS prior fitted over every drug–event pair (drugs keyed by cleaned drugname, in `roles`)
 * of the reports passing `background`, cached in the deps: the files are static, so a fit never expires.
 * Only the prior is fitted here (not every pair's posterior, as runMgps would): the answer needs the
 * posteriors of a drug's top terms only, and a full quarter has about a million pairs. The fit takes
 * seconds there, so it runs on the worker pool; a busy pool (503) is not remembered, a failed fit is.
 */
async function mgpsPriorFor(deps: FaersFilesDeps, background: Omit<FaersFileFilter, "drug" | "match" | "event" | "roles">, roles: FaersRoleSelection) {
  const key = JSON.stringify([
    roles,
    background.from ?? null,
    background.to ?? null,
    background.sex ?? null,
    background.ageBand ?? null,
    background.serious ?? null,
    background.seriousness ?? null,
    background.country ?? null,
    background.reporter ?? null,
  ]);
  const known = deps.mgpsPriors.get(key);
  if (known) return known;
  const tables = deps.source.drugEventTables({ ...background, roles });
  const points = mgpsPoints(tables);
  const result = await runAnalytics("mgpsPrior", points, [points.n.buffer, points.e.buffer]);
  const entry = result.ok
    ? { fit: result.fit, pairs: tables.pairCount }
    : { error: `The MGPS prior could not be fitted on these reports (${result.message}).` };
  if (deps.mgpsPriors.size >= MAX_PRIORS) {
    const oldest = deps.mgpsPriors.keys().next();
    if (!oldest.done) deps.mgpsPriors.delete(oldest.value);
  }
  deps.mgpsPriors.set(key, entry);
  return entry;
}

/**
 * Disproportionality of one drug's top reaction terms on the imported FAERS files: per term, the 2×2
 * table among reports passing the filters (drug as suspect), every closed-form measure, and EBGM/EB05/EB95
 * under the MGPS prior fitted over all drug–event pairs with the same filters and roles.
 */
export async function faersFileSignals(query: SignalsQuery, d: FaersFilesDeps): Promise<PipelineAnswer<SignalsResponse>> {
  const { top, ...filterInput } = query;
  const filter = toFaersFilter(filterInput);
  const roles = FAERS_SIGNAL_ROLES;
  const { drug, match, ...background } = filter;
  const terms = d.source.reactions({ ...filter, roles, top }).terms;
  // One scan for all terms; margins and N do not depend on the term, and an empty term gives them
  // when the drug has no reactions.
  const events = terms.length > 0 ? terms.map((t) => t.term) : [""];
  const [totals, ...others] = d.source.twoByTwoEach({ ...background, drug, match, roles, events });
  if (totals === undefined) throw new Error("twoByTwoEach returned no table");
  const rows = terms.length > 0 ? [totals, ...others] : [];
  const prior = terms.length > 0 ? await mgpsPriorFor(d, background, roles) : null;
  const pairs: ContingencyPair[] = rows.map((r) => ({
    drug: r.drug,
    event: r.event,
    table: { a: r.a, b: r.b, c: r.c, d: r.d },
    expected: r.n > 0 ? (r.drugReports * r.eventReports) / r.n : 0,
  }));
  const scores = prior && "fit" in prior ? computeMgpsScores(pairs.filter((p) => p.table.a >= 1 && p.expected > 0), prior.fit.hyperparameters) : [];
  const scoreOf = new Map(scores.map((s) => [s.event, s]));
  const ebgmRule =
    prior && "fit" in prior
      ? `MGPS (DuMouchel): prior fitted over all ${prior.pairs.toLocaleString("en-US")} drug–event pairs (drugs by cleaned drugname in role ${ROLE_TEXT[roles]}, same filters); per term N = a, E = (a+b)(a+c)/N; EBGM = posterior geometric mean, EB05/EB95 its 5th/95th percentiles; signal rule EB05 ≥ 2.`
      : (prior?.error ?? "No reaction terms: nothing to score.");

  const signals = pairs.map((pair) => {
    const score = scoreOf.get(pair.event);
    const ebgm: SignalEbgm | null = score ? { value: score.ebgm, eb05: score.eb05, eb95: score.eb95, qn: score.qn } : null;
    const measures = computeMeasures(pair.table);
    return {
      event: pair.event,
      ...measures,
      method: { ...measures.method },
      ebgm,
      ebgmReason: score ? ebgmRule : prior && "fit" in prior ? "No report has both the drug and the term among the counted reports." : ebgmRule,
    };
  });

  const body: Uncached<SignalsResponse> = {
    product: productOf(filterInput),
    roleCaveat: FAERS_SIGNALS_ROLE_CAVEAT,
    totals: { drugReports: totals.drugReports, allReports: totals.n },
    signals,
    provenance: buildFaersFilesProvenance(d, describeFilter(filter, roles), roles, totals.notes, [
      FAERS_SIGNALS_ROLE_CAVEAT,
      "2×2 table per reaction term: a = reports with the drug (as suspect) and the term; b = the drug without the term; c = the term without the drug; d = neither; N = reports passing the filters with a suspect drug and a reaction term.",
      "Signal rules: Evans (PRR ≥ 2, Yates χ² ≥ 4, a ≥ 3); ROR lower 95% bound > 1; IC025 > 0 (Norén shrinkage, exact gamma quantile); EB05 ≥ 2.",
      ebgmRule,
    ]),
  };
  return toFaersFilesAnswer<SignalsResponse>(body);
}
