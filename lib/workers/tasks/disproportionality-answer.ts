import {
  buildContingencySet,
  computeMeasures,
  computeMgpsScores,
  fitMgpsPrior,
  type ContingencyPair,
  type DisproportionalityMeasures,
  MEASURES_METHOD,
  type MgpsScore,
} from "@/lib/analytics/disproportionality";
import { DEFAULT_PAIR_LIMIT, MAX_PAIR_LIMIT, type DisproportionalityBody } from "@/lib/schemas/analytics";

/** Characters of pair JSON per answer (≈ bytes; names are mostly ASCII): the page stops before it passes this. */
export const MAX_PAIRS_JSON_CHARS = 16_000_000;

export const PAIR_ORDER = "EB05 descending, then n descending, then drug and event in code-point order";

export type PairPage = { limit: number; offset: number };

const flagsOf = (m: DisproportionalityMeasures) => ({
  evans: m.flags.evans.signal,
  ror: m.flags.ror.signal,
  ic: m.flags.ic.signal,
  bcpnnGould: m.flags.bcpnnGould.signal,
});

/** The per-table part of the answer: every measure, without the method text (stated once per answer). */
function compactMeasures(m: DisproportionalityMeasures) {
  return {
    table: m.table,
    total: m.total,
    expected: m.expected,
    prr: m.prr && { value: m.prr.value, lower95: m.prr.lower95, upper95: m.prr.upper95 },
    chiSquare: m.chiSquare,
    ror: m.ror && { value: m.ror.value, lower95: m.ror.lower95, upper95: m.ror.upper95 },
    ic: m.ic,
    bcpnnGould: m.bcpnnGould && { value: m.bcpnnGould.value, ic025: m.bcpnnGould.ic025, ic975: m.bcpnnGould.ic975 },
    nullReasons: m.nullReasons,
    flags: flagsOf(m),
    flagReasons: Object.fromEntries(
      Object.entries(m.flags).flatMap(([k, f]) => (f.signal ? [] : [[k, f.reason]])),
    ),
  };
}

function pairAnswer(pair: ContingencyPair, score: MgpsScore) {
  return {
    drug: pair.drug,
    event: pair.event,
    n: pair.table.a,
    e: pair.expected,
    ebgm: score.ebgm,
    eb05: score.eb05,
    eb95: score.eb95,
    qn: score.qn,
    ebgmSignal: score.eb05 >= 2,
    ...compactMeasures(computeMeasures(pair.table)),
  };
}

const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Pair indices in the stated order ({@link PAIR_ORDER}), so that pages are stable across requests. */
function rankPairs(pairs: readonly ContingencyPair[], scores: readonly MgpsScore[]): number[] {
  const order = Array.from(pairs.keys());
  return order.sort((i, j) => {
    const si = scores[i] as MgpsScore;
    const sj = scores[j] as MgpsScore;
    const pi = pairs[i] as ContingencyPair;
    const pj = pairs[j] as ContingencyPair;
    return sj.eb05 - si.eb05 || pj.table.a - pi.table.a || byCodePoint(pi.drug, pj.drug) || byCodePoint(pi.event, pj.event);
  });
}

/** One page of ranked pairs: `limit` at most, and no more than {@link MAX_PAIRS_JSON_CHARS} of JSON. */
function pagePairs(pairs: readonly ContingencyPair[], scores: readonly MgpsScore[], page: PairPage) {
  const ranked = rankPairs(pairs, scores);
  const out: ReturnType<typeof pairAnswer>[] = [];
  let chars = 0;
  let cutBySize = false;
  for (const index of ranked.slice(page.offset, page.offset + page.limit)) {
    const answer = pairAnswer(pairs[index] as ContingencyPair, scores[index] as MgpsScore);
    chars += JSON.stringify(answer).length + 1;
    if (chars > MAX_PAIRS_JSON_CHARS && out.length > 0) {
      cutBySize = true;
      break;
    }
    out.push(answer);
  }
  const next = page.offset + out.length;
  return { pairs: out, cutBySize, nextOffset: next < pairs.length ? next : null };
}

/**
 * POST /api/analytics/disproportionality: either closed-form measures for given 2×2 tables, or, for
 * report-level rows, the contingency set, the MGPS prior fitted over ALL pairs, and one page of pairs
 * with every measure, ranked by {@link PAIR_ORDER}. Pure; runs in a worker thread (lib/workers).
 */
export function analyzeDisproportionality(body: DisproportionalityBody, page: PairPage = { limit: DEFAULT_PAIR_LIMIT, offset: 0 }) {
  if ("tables" in body) {
    const measures = body.tables.map((t) => computeMeasures(t));
    return {
      kind: "tables" as const,
      method: measures[0]?.method,
      results: measures.map(compactMeasures),
    };
  }
  const set = buildContingencySet(body.reports);
  // The prior is fitted over every observed pair (that is the method); only what is returned is paged.
  const fit = fitMgpsPrior(set.pairs.map((pair) => ({ n: pair.table.a, e: pair.expected })));
  const scores = computeMgpsScores(set.pairs, fit.hyperparameters);
  const { pairs, cutBySize, nextOffset } = pagePairs(set.pairs, scores, page);
  const truncated = nextOffset !== null || page.offset > 0;
  return {
    kind: "reports" as const,
    contingency: { reports: set.totalReports, drugs: set.drugCount, events: set.eventCount, pairs: set.pairs.length },
    totalPairs: set.pairs.length,
    offset: page.offset,
    limit: page.limit,
    returned: pairs.length,
    truncated,
    nextOffset,
    prior: {
      alpha1: fit.hyperparameters.alpha1,
      beta1: fit.hyperparameters.beta1,
      alpha2: fit.hyperparameters.alpha2,
      beta2: fit.hyperparameters.beta2,
      p: fit.hyperparameters.p,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
      atBound: fit.atBound,
      agreeingStarts: fit.agreeingStarts,
      starts: fit.starts.length,
    },
    method: {
      ...MEASURES_METHOD,
      ebgm:
        "DuMouchel 1999 MGPS: two-component gamma mixture prior fitted by maximum likelihood (zero-truncated, as openEBGM autoHyper) over every observed pair; EBGM = exp(E[ln λ | N]); EB05/EB95 = 5th/95th posterior percentiles; signal EB05 ≥ 2",
      counting: "a report id counts once per drug, event and pair; E = (drug reports × event reports) / all reports (unstratified)",
      pairs: `ranked by ${PAIR_ORDER}; at most limit (default ${DEFAULT_PAIR_LIMIT}, at most ${MAX_PAIR_LIMIT}) per answer and at most ${MAX_PAIRS_JSON_CHARS.toLocaleString("en-US")} characters of pair JSON; ask for the next page with offset=nextOffset`,
    },
    notes: truncated
      ? [
          `Pairs ${page.offset + 1}–${page.offset + pairs.length} of ${set.pairs.length} (ranked by ${PAIR_ORDER})${cutBySize ? "; this page was cut short by the answer-size cap" : ""}.${nextOffset !== null ? ` Next page: offset=${nextOffset}.` : ""}`,
        ]
      : [],
    pairs,
  };
}
