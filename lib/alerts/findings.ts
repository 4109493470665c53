import type { Finding, FindingProvenance } from "@/lib/schemas/alerts";
import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";
import type { CasesResponse, Provenance, TrendResponse } from "@/lib/schemas/faers-response";
import type { SignalRow, SignalsResponse } from "@/lib/schemas/signals-response";
import { SIGNAL_RULES, type SignalRule } from "@/lib/schemas/watchlists";

// From pipeline answers to findings (issue #12): one pure function per watch kind, so a scan is the
// pipeline's questions plus these. Thresholds are the pipeline's own (an alarm, a flag, a bound); the
// only choices made here are which periods count as recent and how a score is made finite.

/** A spike alarm counts when it is in one of the last this-many assessed (complete) periods: older history does not flood alerts. */
export const SPIKE_RECENT_PERIODS = 3;
/** Fatal reports count when received in the last this-many days (the fingerprint keeps one alert per case). */
export const FATAL_RECENT_DAYS = 90;

/** count / bound, with a bound below one report taken as one, so all-zero history still gives a finite score. */
export function ratioScore(observed: number, bound: number | null): number {
  return observed / Math.max(1, bound ?? 0);
}

function provenanceOf(p: Provenance, fields: Pick<FindingProvenance, "method" | "parameters" | "threshold">, queries: string[] = p.queries): FindingProvenance {
  return { source: p.source, queries: [...new Set(queries)], dataDate: p.lastUpdated, retrievedAt: p.retrievedAt, ...fields };
}

/** The scan's window, stated in every finding's parameters. */
export type ScanWindow = { from: string; to: string; interval: string };

/**
 * Alarms of a spike answer in its last SPIKE_RECENT_PERIODS assessed periods. The fingerprint names the
 * method the watch asked for (e.g. "auto"), so it stays stable when "auto" picks another method.
 */
export function spikeFindings(watchlistId: string, requestedMethod: string, answer: ProductAnomaliesResponse, window: ScanWindow): Finding[] {
  const recent = new Set(answer.assessments.slice(-SPIKE_RECENT_PERIODS).map((a) => a.period));
  return answer.anomalies
    .filter((a) => a.period !== undefined && recent.has(a.period))
    .map((a) => {
      const period = a.period as string;
      const bound = a.upperBound === null ? "no bound" : a.upperBound.toFixed(2);
      return {
        fingerprint: `${watchlistId}:spike:${requestedMethod}:${period}`,
        kind: "spike",
        subject: period,
        title: `${answer.product.name}: spike in ${period} (${a.observed} reports)`,
        summary: `${a.observed} reports in ${period} against ${a.expected.toFixed(2)} expected; the ${answer.method} alarm bound was ${bound}.`,
        score: ratioScore(a.observed, a.upperBound),
        rules: [],
        provenance: provenanceOf(answer.provenance, {
          method: answer.method,
          parameters: { ...answer.parameters, requestedMethod, ...window, recentPeriods: SPIKE_RECENT_PERIODS },
          threshold: `count ${a.observed} > upperBound ${bound}`,
        }),
      } satisfies Finding;
    });
}

type RuleCheck = { met: boolean; bound: number | null; label: string };

/** Whether a signal row meets a rule, and the rule's lower bound (the finding's score). */
export function checkSignalRule(row: SignalRow, rule: SignalRule): RuleCheck {
  switch (rule) {
    case "evans":
      return { met: row.flags.evans.signal, bound: row.prr?.lower95 ?? null, label: "PRR025" };
    case "ror025":
      return { met: row.flags.ror.signal, bound: row.ror?.lower95 ?? null, label: "ROR025" };
    case "ic025":
      return { met: row.flags.ic.signal, bound: row.ic?.ic025 ?? null, label: "IC025" };
    case "eb05":
      return { met: row.ebgm !== null && row.ebgm.eb05 >= 2, bound: row.ebgm?.eb05 ?? null, label: "EB05" };
  }
}

/**
 * Reaction terms meeting the watch's rule with at least `minCount` cases (a, the drug-and-event
 * count). `rules` lists every rule the term meets (same minimum), so meeting a stricter one later is a
 * worsening; the score is the watched rule's lower bound.
 */
export function signalFindings(watchlistId: string, rule: SignalRule, minCount: number, answer: SignalsResponse, window: ScanWindow): Finding[] {
  return answer.signals.flatMap((row): Finding[] => {
    if (row.table === null || row.table.a < minCount) return [];
    const check = checkSignalRule(row, rule);
    if (!check.met || check.bound === null) return [];
    const rules = SIGNAL_RULES.filter((r) => checkSignalRule(row, r).met);
    return [
      {
        fingerprint: `${watchlistId}:signal:${row.event}`,
        kind: "signal",
        subject: row.event,
        title: `${answer.product.name}: disproportionality signal for ${row.event}`,
        summary: `${row.table.a} reports of ${row.event} with ${answer.product.name}; ${check.label} ${check.bound.toFixed(3)} (rule ${rule}); rules met: ${rules.join(", ")}.`,
        score: check.bound,
        rules,
        provenance: provenanceOf(answer.provenance, {
          method: rule,
          parameters: { rule, minCount, a: row.table.a, ...window },
          threshold: `${check.label} ${check.bound.toFixed(3)} meets ${rule}${rule === "eb05" ? " (EB05 ≥ 2)" : ""}, with ${row.table.a} ≥ ${minCount} cases`,
        }),
      },
    ];
  });
}

/**
 * The last complete period of `trend` against a one-step forecast fitted on the complete periods
 * before it (`forecast`, asked with `to` just before that period): a finding when the observed count
 * is above the forecast's upper bound at `level`. Throws when the forecast does not cover that period.
 */
export function forecastExceedanceFinding(
  watchlistId: string,
  level: 80 | 95,
  trend: Pick<TrendResponse, "series" | "provenance" | "product">,
  forecast: ProductForecastResponse,
  window: ScanWindow,
): Finding | null {
  const last = trend.series.filter((p) => !p.partial).at(-1);
  if (last === undefined) return null;
  const step = forecast.forecast[0];
  if (forecast.model === "none" || step === undefined) throw new Error(`no forecast to compare ${last.period} with: ${forecast.notes.join(" ")}`);
  if (step.period !== last.period) throw new Error(`the forecast's first step is ${step.period ?? "unlabelled"}, not the last complete period ${last.period}`);
  const upper = step.upper[String(level)];
  if (upper === undefined) throw new Error(`the forecast has no ${level}% bound`);
  if (last.count <= upper) return null;
  return {
    fingerprint: `${watchlistId}:forecast_exceedance:${level}:${last.period}`,
    kind: "forecast_exceedance",
    subject: last.period,
    title: `${trend.product.name}: ${last.period} above the ${level}% forecast bound (${last.count} reports)`,
    summary: `${last.count} reports in ${last.period}; a ${forecast.model} forecast fitted on ${forecast.fittedOn.points} complete periods up to ${forecast.fittedOn.last ?? "none"} expected ${step.mean.toFixed(2)}, ${level}% upper bound ${upper.toFixed(2)}.`,
    score: ratioScore(last.count, upper),
    rules: [],
    provenance: provenanceOf(
      forecast.provenance,
      {
        method: `${forecast.model} forecast ${level}% upper bound`,
        parameters: { level, model: forecast.model, fittedOn: `${forecast.fittedOn.first ?? ""}..${forecast.fittedOn.last ?? ""}`, ...window },
        threshold: `count ${last.count} > upper${level} ${upper.toFixed(2)}`,
      },
      [...trend.provenance.queries, ...forecast.provenance.queries],
    ),
  };
}

function isFatal(report: CasesResponse["data"][number]): boolean {
  return "eventType" in report ? report.eventType === "death" : report.seriousness.includes("death");
}

/** Each fatal report (drug: seriousness death; device: event type death) received on or after `since` (ISO date). */
export function fatalFindings(watchlistId: string, answer: CasesResponse, since: string, window: ScanWindow): Finding[] {
  return answer.data.flatMap((report): Finding[] => {
    if (!isFatal(report) || report.receivedDate === null || report.receivedDate < since) return [];
    return [
      {
        fingerprint: `${watchlistId}:fatal:${report.reportId}`,
        kind: "fatal_report",
        subject: report.reportId,
        title: `${answer.product.name}: fatal report ${report.reportId}`,
        summary: `Report ${report.reportId}, received ${report.receivedDate}, records a death.`,
        score: 1,
        rules: [],
        provenance: provenanceOf(answer.provenance, {
          method: "serious=death",
          parameters: { since, recentDays: FATAL_RECENT_DAYS, ...window },
          threshold: `death recorded, received ${report.receivedDate} ≥ ${since}`,
        }),
      },
    ];
  });
}
