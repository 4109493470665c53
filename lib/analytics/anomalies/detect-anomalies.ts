import { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";
import { chooseAutoMethod } from "@/lib/analytics/anomalies/choose-auto-method";
import { computeEars, type EarsVariant } from "@/lib/analytics/anomalies/ears-c";
import { computeFarringtonFlexible } from "@/lib/analytics/anomalies/farrington-flexible";
import {
  METHOD_PARAM_NAMES,
  resolveEarsParams,
  resolveFarringtonParams,
  resolveShesdParams,
  type EarsGuardedParams,
  type FarringtonParams,
  type MethodParamsInput,
  type ParamValue,
  type ResolvedParams,
  type ShesdParams,
} from "@/lib/analytics/anomalies/method-params";
import { methodsTaking } from "@/lib/analytics/anomalies/param-names";
import { computeShesd } from "@/lib/analytics/anomalies/shesd";
import type { Anomaly, AssessedPeriod, Frequency } from "@/lib/analytics/anomalies/types";
import { assertValidSeries, MAX_SERIES_LENGTH, MAX_SHESD_SERIES_LENGTH } from "@/lib/analytics/anomalies/validate-series";

export { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";
export type { Anomaly, Frequency } from "@/lib/analytics/anomalies/types";

export type DetectableMethod = "ears_c1" | "ears_c2" | "ears_c3" | "farrington" | "shesd";

export type DetectAnomaliesInput = {
  /** One count per period, oldest first (at most 5,000; 20,000 for shesd). */
  values: readonly number[];
  /** Periods per year; may be left out for shesd when `params.period` is set. */
  frequency?: Frequency;
  method?: DetectableMethod | "auto";
  /** The method's parameters (names in METHOD_PARAM_NAMES); only with an explicit method. */
  params?: MethodParamsInput;
};

export type DetectAnomaliesResult = {
  /** The method that ran ("none" when the series is too short for any). */
  method: DetectableMethod | "none";
  /** The method's parameters as they ran: send them back as `params` to repeat the analysis. */
  parameters: Record<string, ParamValue>;
  /** Per parameter: "request", "default: …" with its source, or "derived: …" with the rule. */
  parameterSources: Record<string, string>;
  /** Fixed settings of the method (not settable), for an evaluator re-running it elsewhere. */
  settings: Record<string, number | string | boolean | number[]>;
  /** Every period the method assessed, with its expected value and bound. */
  assessments: AssessedPeriod[];
  /** The assessed periods that raised an alarm. */
  anomalies: Anomaly[];
  /** First index the method could assess (periods before it are never flagged); null for "none". */
  assessedFrom: number | null;
  /** Plain-language remarks: fallbacks, shortened baselines, skipped decompositions. */
  notes: string[];
};

type Run = { resolved: ResolvedParams<object>; assessments: AssessedPeriod[]; notes: string[] };

const EARS_VARIANT: Record<string, EarsVariant> = { ears_c1: "C1", ears_c2: "C2", ears_c3: "C3" };

/** JSON has no Infinity or NaN: such a figure is reported as null. */
const finiteOrNull = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** Runs one method, or returns null when the series is too short for it and no parameters were set. */
function runMethod(method: DetectableMethod, values: readonly number[], frequency: Frequency | undefined, given: MethodParamsInput): Run | null {
  const n = values.length;
  if (method === "shesd") {
    if (n < 3) {
      if (Object.keys(given).length > 0) throw new AnomalyInputError(`shesd needs at least 3 points; the series has ${n}.`, { parameter: "series" });
      return null;
    }
    const resolved = resolveShesdParams(given as Partial<ShesdParams>, n, frequency);
    const { assessments, windows } = computeShesd(values, resolved.params);
    const cuts = windows.filter((w) => w.thresholdValue !== null);
    const notes = cuts.length > 0 ? [`threshold ${resolved.params.threshold}: flags below ${cuts.map((w) => +w.thresholdValue!.toFixed(6)).join(", ")} (per window) were dropped, as Twitter's code.`] : [];
    return {
      resolved,
      assessments: assessments.map((a) => ({ ...a, statistic: finiteOrNull(a.statistic), score: finiteOrNull(a.score) })),
      notes,
    };
  }
  if (method === "farrington") {
    if (frequency === undefined) throw new AnomalyInputError("farrington needs the series' frequency", { parameter: "frequency" });
    const resolved = resolveFarringtonParams(given as Partial<FarringtonParams>, n, frequency);
    if (!resolved) return null;
    const assessments = computeFarringtonFlexible(values, { ...resolved.params, frequency, from: frequency * resolved.params.b + resolved.params.w });
    return { resolved, assessments, notes: [] };
  }
  const variant = EARS_VARIANT[method]!;
  const resolved = resolveEarsParams(variant, given as Partial<EarsGuardedParams>, n);
  if (!resolved) return null;
  const assessments = computeEars(values, { variant, ...resolved.params }).map((a) => ({ ...a, carried: finiteOrNull(a.carried), statistic: finiteOrNull(a.statistic) }));
  return { resolved, assessments, notes: [] };
}

const FALLBACKS: Record<DetectableMethod, DetectableMethod[]> = {
  farrington: ["farrington", "ears_c3", "ears_c2", "ears_c1"],
  ears_c3: ["ears_c3", "ears_c2", "ears_c1"],
  ears_c2: ["ears_c2", "ears_c1"],
  ears_c1: ["ears_c1"],
  shesd: ["shesd"],
};

/** Refuses parameters with an "auto" method, or names that belong to another method. */
function assertParamsFit(requested: DetectableMethod | "auto", params: MethodParamsInput): void {
  const names = Object.keys(params);
  if (names.length === 0) return;
  if (requested === "auto") {
    throw new AnomalyInputError(`params apply to one method: set method to one of ${Object.keys(METHOD_PARAM_NAMES).join(", ")} (auto chooses the method, so it takes no params)`, { parameter: "params" });
  }
  const allowed: readonly string[] = METHOD_PARAM_NAMES[requested];
  const stranger = names.find((name) => !allowed.includes(name));
  if (stranger !== undefined) {
    const owners = methodsTaking(stranger);
    const whose = owners.length > 0 ? `a parameter of ${owners.join(", ")}` : "not a parameter of any method";
    throw new AnomalyInputError(`params.${stranger} is ${whose}; ${requested} takes ${allowed.join(", ")}`, { parameter: `params.${stranger}`, method: requested, allowed });
  }
}

/**
 * Spike detection on a count series: runs one method (or the measured default for "auto", see
 * `chooseAutoMethod`) with the analyst's parameters, and returns every assessed period with its
 * expected value and bound, the alarms, and each parameter with its source.
 * - Validation (throws AnomalyInputError, `details.parameter` names the field): finite values, at most
 *   5,000 (shesd 20,000), frequency 1, 4, 12 or 52 (shesd: optional when params.period is set), values
 *   non-negative except for shesd ("auto" with negative values picks shesd); params only with an
 *   explicit method and only that method's names; parameters that do not fit the series.
 * - Without params, a series too short for the requested method falls back along farrington →
 *   ears_c3 → ears_c2 → ears_c1, with a note; with params it is refused. Shorter than 8 periods
 *   (3 for shesd) returns method "none" with a note.
 * Pure: no I/O, no clock; deterministic for a given input.
 */
export function detectAnomalies(input: DetectAnomaliesInput): DetectAnomaliesResult {
  const requested = input.method ?? "auto";
  const given: MethodParamsInput = input.params ?? {};
  assertParamsFit(requested, given);
  const shesd = requested === "shesd" || (requested === "auto" && Array.isArray(input.values) && input.values.some((v) => typeof v === "number" && v < 0));
  assertValidSeries(input.values, input.frequency, {
    counts: !shesd,
    maxLength: shesd ? MAX_SHESD_SERIES_LENGTH : MAX_SERIES_LENGTH,
    method: shesd ? "shesd" : requested,
    frequencyOptional: requested === "shesd" && "period" in given,
  });
  const values = input.values;
  const notes: string[] = [];
  let first: DetectableMethod;
  if (requested === "auto") {
    if (shesd) {
      first = "shesd";
      notes.push("auto: the series has negative values, so the count methods (EARS, Farrington) do not apply; using S-H-ESD.");
    } else {
      first = chooseAutoMethod(input.frequency!, values.length);
      notes.push(`auto: ${first} is the measured default for frequency ${input.frequency} and ${values.length} periods (see lib/analytics/anomalies/README.md).`);
    }
  } else {
    first = requested;
  }
  for (const method of FALLBACKS[first]) {
    const run = runMethod(method, values, input.frequency, method === first ? given : {});
    if (!run) continue;
    if (method !== first) notes.push(`${first} needs a longer series than ${values.length} periods; fell back to ${method} with its defaults.`);
    const anomalies = run.assessments.filter((a) => a.alarm).map((a) => ({ ...a, method }));
    const assessedFrom = method === "shesd" ? 0 : (run.assessments[0]?.index ?? null);
    const { params, sources, settings } = run.resolved;
    return {
      method,
      parameters: params as Record<string, ParamValue>,
      parameterSources: sources,
      settings,
      assessments: run.assessments,
      anomalies,
      assessedFrom,
      notes: [...notes, ...run.resolved.notes, ...run.notes],
    };
  }
  notes.push(`The series has ${values.length} periods: too short for ${first} (EARS needs at least 8, S-H-ESD 3). Nothing was assessed.`);
  return { method: "none", parameters: {}, parameterSources: {}, settings: {}, assessments: [], anomalies: [], assessedFrom: null, notes };
}
