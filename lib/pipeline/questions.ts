import "server-only";
import { scopeAsk, type Ask, type SourceContext } from "@/lib/pipeline/ask";
import { getPipelineDeps, type PipelineDeps } from "@/lib/pipeline/deps";
import type { ProductSource } from "@/lib/pipeline/product-source";
import { runAsCaller } from "@/lib/sources/openfda/caller-context";

// The pipeline's product questions. Routes, pages, server actions, report jobs and alert scans all ask
// these; the source behind them (openFDA or FAERS files) is the one in deps, and the ask's as-of date
// caps every range the same way whichever source answers.

type Question = Exclude<keyof ProductSource, "kind">;
type QueryOf<Q extends Question> = Parameters<ProductSource[Q]>[0];
type AnswerOf<Q extends Question> = Awaited<ReturnType<ProductSource[Q]>>;

function question<Q extends Question>(name: Q) {
  return async (query: QueryOf<Q>, ask: Ask, deps: PipelineDeps = getPipelineDeps()): Promise<AnswerOf<Q>> => {
    const scoped = scopeAsk(query, ask, deps.today());
    const answer = deps.source[name] as (query: QueryOf<Q>, ctx: SourceContext) => Promise<AnswerOf<Q>>;
    // The caller owns the openFDA calls this makes (its fair share of the budget).
    return runAsCaller(ask.caller, () => answer.call(deps.source, scoped.query, scoped.ctx));
  };
}

/** Reports per period for one product, zero-filled; partial periods marked. */
export const getTrend = question("trend");
/** Top reaction terms (drugs) or product problems (devices) by number of reports. */
export const getReactions = question("reactions");
/** Breakdowns of one product's reports (seriousness, outcome, sex, age band, country, reporter; device fields). */
export const getSummary = question("summary");
/** A page of normalized reports (line listing) with its data-quality summary. */
export const getCases = question("cases");
/** Disproportionality (PRR, χ², ROR, IC; EBGM where the source can fit its prior) of a drug's top terms. */
export const getSignals = question("signals");
