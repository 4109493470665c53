import { buildContingencySet, computeMeasures, runMgps, type DisproportionalityMeasures } from "@/lib/analytics/disproportionality";
import type { DisproportionalityBody } from "@/lib/schemas/analytics";

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

/**
 * POST /api/analytics/disproportionality: either closed-form measures for given 2×2 tables, or, for
 * report-level rows, the contingency set, the fitted MGPS prior and every measure per drug–event pair.
 */
export function analyzeDisproportionality(body: DisproportionalityBody) {
  if ("tables" in body) {
    const measures = body.tables.map((t) => computeMeasures(t));
    return {
      kind: "tables" as const,
      method: measures[0]?.method,
      results: measures.map(compactMeasures),
    };
  }
  const set = buildContingencySet(body.reports);
  const { fit, scores } = runMgps(set);
  const measures = set.pairs.map((pair) => computeMeasures(pair.table));
  const pairs = set.pairs.map((pair, i) => {
    const score = scores[i];
    return {
      drug: pair.drug,
      event: pair.event,
      n: pair.table.a,
      e: pair.expected,
      ebgm: score?.ebgm ?? null,
      eb05: score?.eb05 ?? null,
      eb95: score?.eb95 ?? null,
      qn: score?.qn ?? null,
      ebgmSignal: score ? score.eb05 >= 2 : false,
      ...compactMeasures(measures[i] as DisproportionalityMeasures),
    };
  });
  return {
    kind: "reports" as const,
    contingency: { reports: set.totalReports, drugs: set.drugCount, events: set.eventCount, pairs: set.pairs.length },
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
      ...measures[0]?.method,
      ebgm:
        "DuMouchel 1999 MGPS: two-component gamma mixture prior fitted by maximum likelihood (zero-truncated, as openEBGM autoHyper) over every observed pair; EBGM = exp(E[ln λ | N]); EB05/EB95 = 5th/95th posterior percentiles; signal EB05 ≥ 2",
      counting: "a report id counts once per drug, event and pair; E = (drug reports × event reports) / all reports (unstratified)",
    },
    pairs,
  };
}
