import erfc from "@stdlib/math-base-special-erfc";
import { AnomalyInputError } from "@/lib/analytics/anomalies/anomaly-input-error";
import { EARS_DEFAULTS, getEarsDefaultThreshold, getEarsFirstIndex, type EarsVariant } from "@/lib/analytics/anomalies/ears-c";
import { FARRINGTON_NOUFAILY_DEFAULTS } from "@/lib/analytics/anomalies/farrington-flexible";
import { chooseFarringtonB, FARRINGTON_MAX_B, FARRINGTON_PRESETS } from "@/lib/analytics/anomalies/farrington-presets";
import { METHOD_PARAM_NAMES } from "@/lib/analytics/anomalies/param-names";
import type { FarringtonThresholdMethod } from "@/lib/analytics/anomalies/farrington-threshold";
import type { EsdDirection } from "@/lib/analytics/anomalies/generalized-esd";
import { SHESD_DEFAULTS, type ShesdThreshold } from "@/lib/analytics/anomalies/shesd";
import type { Frequency } from "@/lib/analytics/anomalies/types";

export type EarsC1Params = { threshold: number; baseline: number; minSigma: number };
export type EarsGuardedParams = EarsC1Params & { guard: number };
export type FarringtonParams = {
  alpha: number;
  b: number;
  w: number;
  reweight: boolean;
  noPeriods: number;
  pastPeriodsNotIncluded: number;
  thresholdMethod: FarringtonThresholdMethod;
};
export type ShesdParams = {
  direction: EsdDirection;
  alpha: number;
  maxAnoms: number;
  /** Points per seasonal cycle; null = no seasonal decomposition. */
  period: number | null;
  threshold: ShesdThreshold;
  onlyLast: boolean;
  /** Points per piecewise window; null = one window. */
  longtermPeriod: number | null;
};

/** The parameters an analyst can set, by method: the names of the spike API (`params`). */
export type MethodParams = {
  ears_c1: EarsC1Params;
  ears_c2: EarsGuardedParams;
  ears_c3: EarsGuardedParams;
  farrington: FarringtonParams;
  shesd: ShesdParams;
};
export type ParameterizedMethod = keyof MethodParams;
export type MethodParamsInput<M extends ParameterizedMethod = ParameterizedMethod> = Partial<MethodParams[M]>;

export { METHOD_PARAM_NAMES };
// Every name listed must be a parameter of its method.
METHOD_PARAM_NAMES satisfies { [M in ParameterizedMethod]: ReadonlyArray<keyof MethodParams[M]> };

/**
 * A method's parameters as they ran, where each came from ("request", "default: …" with its
 * source, or "derived: …" with the rule), and the fixed settings an evaluator needs to re-run it.
 */
export type ResolvedParams<P> = {
  params: P;
  sources: Record<string, string>;
  settings: Record<string, number | string | boolean | number[]>;
  notes: string[];
};

type Value = number | string | boolean | null;
const FREQUENCY_NAME: Record<Frequency, string> = { 1: "yearly", 4: "quarterly", 12: "monthly", 52: "weekly" };

/** Takes each parameter from the request when given, else from its default, and says which. */
function pick<P extends Record<string, Value>>(given: Partial<P>, defaults: { [K in keyof P]: { value: P[K]; source: string } }) {
  const params = {} as P;
  const sources: Record<string, string> = {};
  for (const key of Object.keys(defaults) as Array<keyof P & string>) {
    const fromRequest = given[key] !== undefined;
    params[key] = fromRequest ? (given[key] as P[keyof P & string]) : defaults[key].value;
    sources[key] = fromRequest ? "request" : defaults[key].source;
  }
  return { params, sources };
}

function refuse(parameter: string, message: string, extra: Record<string, unknown> = {}): never {
  throw new AnomalyInputError(message, { parameter: `params.${parameter}`, ...extra });
}

/** 1 - Φ(z): R's `alpha` for surveillance::earsC at this threshold. */
function upperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * EARS C1/C2/C3 parameters. Defaults: CDC's thresholds (3 SD for C1 and C2, 2 on C3's summed
 * statistic), baseline 7 and guard 2 (CDC, as R), minSigma 0 (R). Returns null when the series is too
 * short and nothing was set (the caller falls back); with parameters set, a short series is refused.
 */
export function resolveEarsParams(variant: EarsVariant, given: Partial<EarsGuardedParams>, n: number): ResolvedParams<EarsC1Params | EarsGuardedParams> | null {
  const label = `ears_${variant.toLowerCase()}`;
  const threshold = { value: getEarsDefaultThreshold(variant), source: variant === "C3" ? "default: 2 on the summed C3 statistic, CDC EARS (Hutwagner et al. 2003)" : `default: 3 standard deviations, CDC EARS ${variant} (Hutwagner et al. 2003)` };
  const baseline = { value: EARS_DEFAULTS.baseline, source: "default: 7 periods, CDC EARS and R surveillance::earsC" };
  const minSigma = { value: EARS_DEFAULTS.minSigma, source: "default: 0, as R surveillance::earsC (Burkom suggests 0.5 or 1 for sparse counts)" };
  const guard = { value: EARS_DEFAULTS.guard, source: `default: 2 periods between baseline and the period assessed, CDC EARS ${variant}` };
  const picked = variant === "C1" ? pick<EarsC1Params>(given, { threshold, baseline, minSigma }) : pick<EarsGuardedParams>(given, { threshold, baseline, guard, minSigma });
  const p = picked.params as EarsGuardedParams;
  const first = getEarsFirstIndex(variant, p.baseline, variant === "C1" ? 0 : p.guard);
  if (n <= first) {
    if (Object.keys(given).length === 0) return null;
    refuse(Object.keys(given).includes("guard") && variant !== "C1" ? "guard" : "baseline", `${label} with baseline ${p.baseline}${variant === "C1" ? "" : ` and guard ${p.guard}`} needs at least ${first + 1} periods; the series has ${n}. Shorten the baseline or send more periods.`, { periods: n, minPeriods: first + 1 });
  }
  return {
    ...picked,
    settings: { rAlpha: upperTail(p.threshold) },
    notes: [],
  };
}

/**
 * Farrington-flexible parameters. Defaults: Noufaily et al. (2013) for weekly data (alpha 0.05,
 * ±3-week windows, 10 seasonal levels, last 26 weeks left out, nbPlugin, reweighting), the same
 * shape scaled to other frequencies (FARRINGTON_PRESETS), and b as many years as the series holds,
 * at most 5. Checks that the windows and blocks fit the cycle and that b years back leave a period to
 * assess. Returns null when the series is too short for any b and nothing was set.
 */
export function resolveFarringtonParams(given: Partial<FarringtonParams>, n: number, frequency: Frequency): ResolvedParams<FarringtonParams> | null {
  const preset = FARRINGTON_PRESETS[frequency];
  const name = FREQUENCY_NAME[frequency];
  const scaled = frequency === 52 ? "Noufaily et al. (2013)" : "Noufaily et al. (2013)'s weekly settings scaled to the cycle (lib/analytics/anomalies/README.md)";
  const w = given.w ?? preset.w;
  const derivedB = Math.min(FARRINGTON_MAX_B, Math.floor((n - 1 - w) / frequency));
  if (Object.keys(given).length === 0 && chooseFarringtonB(n, frequency) === null) return null;
  const { params, sources } = pick<FarringtonParams>(given, {
    alpha: { value: FARRINGTON_NOUFAILY_DEFAULTS.alpha, source: "default: 0.05, Noufaily et al. (2013) and R surveillance::farringtonFlexible" },
    b: { value: Math.max(1, derivedB), source: `derived: as many years back as the series holds, at most ${FARRINGTON_MAX_B} (Noufaily et al. 2013; R's default is 3)` },
    w: { value: preset.w, source: `default for ${name} data: ±${preset.w} periods, ${scaled}` },
    reweight: { value: FARRINGTON_NOUFAILY_DEFAULTS.reweight, source: "default: true, Farrington et al. (1996) and Noufaily et al. (2013)" },
    noPeriods: { value: preset.noPeriods, source: `default for ${name} data: ${preset.noPeriods}, ${scaled}` },
    pastPeriodsNotIncluded: { value: preset.pastPeriodsNotIncluded, source: `default for ${name} data: ${preset.pastPeriodsNotIncluded}, ${scaled}` },
    thresholdMethod: { value: FARRINGTON_NOUFAILY_DEFAULTS.thresholdMethod, source: "default: nbPlugin, Noufaily et al. (2013) (R's default is delta)" },
  });
  if (2 * params.w + 1 > frequency) refuse("w", `w = ${params.w} makes reference windows of ${2 * params.w + 1} periods, longer than the ${frequency}-period cycle; use w ≤ ${Math.floor((frequency - 1) / 2)}.`, { frequency });
  const gap = frequency - 2 * params.w - 1;
  if (params.noPeriods > 1 && gap < params.noPeriods - 1) {
    refuse("noPeriods", `noPeriods = ${params.noPeriods} needs ${params.noPeriods - 1} blocks between the windows, but with w = ${params.w} only ${gap} period(s) lie between them; use noPeriods ≤ ${gap + 1} (or 1).`, { frequency, w: params.w });
  }
  const first = frequency * params.b + params.w;
  if (n <= first) {
    const needs = `farrington with b = ${params.b} and w = ${params.w} needs at least ${first + 1} periods (b years back plus the window); the series has ${n}.`;
    const fitting = Math.floor((n - 1 - params.w) / frequency);
    if (sources.b === "request" && fitting >= 1) refuse("b", `${needs} Use b ≤ ${fitting} or send more periods.`, { periods: n, minPeriods: first + 1 });
    throw new AnomalyInputError(`${needs} Send more periods or use an EARS method.`, { parameter: "series", periods: n, minPeriods: first + 1 });
  }
  if (params.pastPeriodsNotIncluded >= first) {
    refuse("pastPeriodsNotIncluded", `pastPeriodsNotIncluded = ${params.pastPeriodsNotIncluded} leaves no reference data ${params.b} year(s) back; use a value below ${first}.`);
  }
  const notes: string[] = [];
  if (sources.b !== "request" && params.b < FARRINGTON_MAX_B) notes.push(`Farrington uses ${params.b} year(s) of history instead of ${FARRINGTON_MAX_B}: the series is ${n} periods long.`);
  if (params.b < 3) notes.push("With fewer than 3 years of history the time trend is never fitted (as in R's farringtonFlexible).");
  const { weightsThreshold, trend, pThresholdTrend, limit54 } = FARRINGTON_NOUFAILY_DEFAULTS;
  return { params, sources, settings: { frequency, weightsThreshold, trend, pThresholdTrend, limit54: [...limit54] }, notes };
}

/**
 * S-H-ESD parameters. Defaults: direction pos and threshold none, onlyLast false (Twitter's
 * AnomalyDetectionVec), alpha 0.05, maxAnoms 0.02 (the S-H-ESD paper's setting; Twitter's default is
 * 0.10), period = the series' frequency (none for yearly data), and for a series of more than 8 cycles
 * at a calendar frequency, 4-cycle windows (Vallis et al. 2014's piecewise median; Twitter's default
 * is one window). An explicit period needs more than two cycles of data, an explicit window more than
 * two cycles each.
 */
export function resolveShesdParams(given: Partial<ShesdParams>, n: number, frequency: Frequency | undefined): ResolvedParams<ShesdParams> {
  const calendar = frequency !== undefined && frequency >= 4;
  const defaultPeriod = given.period !== undefined ? given.period : frequency !== undefined && frequency >= 2 ? frequency : null;
  const defaultWindow = calendar && defaultPeriod !== null && given.period === undefined && n > 8 * defaultPeriod ? 4 * defaultPeriod : null;
  const { params, sources } = pick<ShesdParams>(given, {
    direction: { value: SHESD_DEFAULTS.direction, source: "default: pos, as Twitter's AnomalyDetectionVec (rises only)" },
    alpha: { value: SHESD_DEFAULTS.alpha, source: "default: 0.05, as Twitter's AnomalyDetectionVec" },
    maxAnoms: { value: SHESD_DEFAULTS.maxAnoms, source: "default: 0.02, as Hochenbaum et al. (2017)'s examples (Twitter's default is 0.10)" },
    period: {
      value: defaultPeriod,
      source: defaultPeriod === null ? "derived: yearly data has no seasonal cycle; ESD on median-centred values" : `derived: the series' frequency, ${defaultPeriod} periods per year`,
    },
    threshold: { value: SHESD_DEFAULTS.threshold, source: "default: none, as Twitter's AnomalyDetectionVec" },
    onlyLast: { value: SHESD_DEFAULTS.onlyLast, source: "default: false, as Twitter's AnomalyDetectionVec" },
    longtermPeriod: {
      value: defaultWindow,
      source: defaultWindow === null ? "default: one window, as Twitter's AnomalyDetectionVec" : `derived: the series holds more than 8 cycles, so it is cut into ${defaultWindow}-period windows, each with its own median (Vallis et al. 2014); send longtermPeriod: null for one window, as Twitter's default`,
    },
  });
  const notes: string[] = [];
  if (params.period !== null && n <= 2 * params.period) {
    if (sources.period === "request") refuse("period", `shesd with period ${params.period} needs more than two cycles (${2 * params.period + 1} points); the series has ${n}.`, { periods: n, minPeriods: 2 * params.period + 1 });
    notes.push(`Fewer than ${2 * params.period + 1} periods: no seasonal decomposition, ESD on median-centred values.`);
  } else if (params.period === null) {
    notes.push(frequency === 1 ? "Yearly data: no seasonal decomposition, ESD on median-centred values." : "No period: no seasonal decomposition, ESD on median-centred values.");
  }
  if (params.onlyLast && params.period === null) refuse("onlyLast", "onlyLast keeps the flags of the last period, so it needs a period: set params.period.");
  if (params.threshold !== "none" && params.period === null) refuse("threshold", `threshold ${params.threshold} compares flags with per-period maxima, so it needs a period: set params.period.`);
  if (params.longtermPeriod !== null) {
    const minWindow = params.period !== null ? 2 * params.period + 1 : 3;
    if (params.longtermPeriod < minWindow) refuse("longtermPeriod", `longtermPeriod = ${params.longtermPeriod} is too short: each window needs more than two cycles (at least ${minWindow} points).`, { minWindow });
    if (params.longtermPeriod >= n) notes.push(`longtermPeriod ${params.longtermPeriod} covers the whole series (${n} points): one window, as Twitter's code.`);
    else notes.push(`Long series: S-H-ESD runs on ${params.longtermPeriod}-period windows, each with its own median (Twitter's piecewise approach).`);
  }
  return { params, sources, settings: { decomposition: "stl, s.window periodic, robust (R stats::stl)" }, notes };
}

export type { Value as ParamValue };
