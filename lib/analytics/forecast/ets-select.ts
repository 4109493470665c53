import { fitEtsModel, type EtsFit } from "@/lib/analytics/forecast/ets-fit";
import {
  countParameters,
  parseModelCode,
  type EtsInitialStates,
  type EtsModelCode,
  type EtsSmoothing,
} from "@/lib/analytics/forecast/ets-model";

export interface SelectOptions {
  /** Seasonal period; seasonal models are tried only when `seasonal` is true. */
  m: number;
  seasonal: boolean;
  /** Multiplicative error/season models (only for strictly positive data). */
  multiplicative: boolean;
  /** Restrict the candidate set (tests, forced models). Default: every eligible model. */
  models?: readonly EtsModelCode[];
}

export interface Selection {
  best: EtsFit;
  /** Every model that was fitted, best AICc first. */
  candidates: EtsFit[];
  /** Models skipped because the series is too short for their parameter count. */
  skippedForLength: EtsModelCode[];
}

/**
 * Fitting order: each model's fit seeds the next (the additive-error fit of a structure is an excellent
 * start for its multiplicative-error twin, whose recursion is identical; additive seasonal states are
 * converted into ratio form for the multiplicative-season models).
 */
const ORDER: readonly { code: EtsModelCode; from: readonly EtsModelCode[] }[] = [
  { code: "ANN", from: [] },
  { code: "AAN", from: ["ANN"] },
  { code: "AAdN", from: ["AAN"] },
  { code: "ANA", from: ["ANN"] },
  { code: "AAA", from: ["ANA", "AAN"] },
  { code: "AAdA", from: ["AAA", "AAdN"] },
  { code: "MNN", from: ["ANN"] },
  { code: "MAN", from: ["AAN"] },
  { code: "MAdN", from: ["AAdN"] },
  { code: "MNA", from: ["ANA"] },
  { code: "MAA", from: ["AAA"] },
  { code: "MAdA", from: ["AAdA"] },
  { code: "MNM", from: ["ANA"] },
  { code: "MAM", from: ["AAA", "MNM"] },
  { code: "MAdM", from: ["AAdA", "MAM"] },
];

/** Carries a fit's parameters over to model `code` (drops or adds trend/damping, converts the season). */
function startFrom(fit: EtsFit, code: EtsModelCode, m: number): { smoothing: EtsSmoothing; initial: EtsInitialStates } {
  const spec = parseModelCode(code);
  const smoothing: EtsSmoothing = {
    alpha: fit.smoothing.alpha,
    beta: fit.spec.trend === "N" ? Math.min(0.01, fit.smoothing.alpha / 2) : fit.smoothing.beta,
    gamma: fit.spec.season === "N" ? Math.min(0.05, (1 - fit.smoothing.alpha) / 2) : fit.smoothing.gamma,
    phi: fit.spec.trend === "Ad" ? fit.smoothing.phi : 0.98,
  };
  let seasonal: number[] = [];
  if (spec.season !== "N") {
    const source = fit.initial.seasonal.length === m ? fit.initial.seasonal : new Array<number>(m).fill(fit.spec.season === "M" ? 1 : 0);
    if (spec.season === fit.spec.season || (fit.spec.season === "N" && spec.season === "A")) {
      seasonal = [...source];
    } else if (spec.season === "M") {
      const level = Math.abs(fit.initial.level) > 0 ? fit.initial.level : 1;
      const ratios = source.map((s) => (fit.spec.season === "A" ? Math.max(0.01, 1 + s / level) : 1));
      const mean = ratios.reduce((a, b) => a + b, 0) / m;
      seasonal = ratios.map((r) => r / mean);
    } else {
      seasonal = source.map((s) => (s - 1) * fit.initial.level);
    }
  }
  return { smoothing, initial: { level: fit.initial.level, trend: fit.spec.trend === "N" ? 0 : fit.initial.trend, seasonal } };
}

/**
 * Fits every eligible ETS model and returns the one with the lowest AICc (R forecast's `ets()` default
 * selection). Eligibility: a model with k parameters (incl. σ²) needs n ≥ k + 4 observations (R's
 * `n <= npars + 4` rule); seasonal models need `seasonal`; multiplicative ones need `multiplicative`.
 * Returns null when no model could be fitted.
 */
export function selectEtsModel(y: readonly number[], options: SelectOptions): Selection | null {
  const n = y.length;
  const fits = new Map<EtsModelCode, EtsFit>();
  const skippedForLength: EtsModelCode[] = [];
  for (const { code, from } of ORDER) {
    if (options.models && !options.models.includes(code)) continue;
    const spec = parseModelCode(code);
    if (spec.season !== "N" && !options.seasonal) continue;
    if ((spec.error === "M" || spec.season === "M") && !options.multiplicative) continue;
    const m = spec.season === "N" ? 1 : options.m;
    if (n < countParameters(spec, m) + 4) {
      skippedForLength.push(code);
      continue;
    }
    const starts = from.flatMap((source) => {
      const fit = fits.get(source);
      return fit ? [startFrom(fit, code, m)] : [];
    });
    const fit = fitEtsModel(y, spec, m, { starts });
    if (fit && Number.isFinite(fit.aicc)) fits.set(code, fit);
  }
  const candidates = [...fits.values()].sort((a, b) => a.aicc - b.aicc);
  const best = candidates[0];
  return best ? { best, candidates, skippedForLength } : null;
}
