import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { computeScore, toAnomalyScore } from "@/lib/analytics/anomalies/compute-score";
import { computeFarringtonBlocks } from "@/lib/analytics/anomalies/farrington-blocks";
import { computeFarringtonThreshold, type FarringtonThresholdMethod } from "@/lib/analytics/anomalies/farrington-threshold";
import { fitQuasiPoissonGlm, predictLink, type QuasiPoissonFit } from "@/lib/analytics/anomalies/quasi-poisson-glm";
import type { PeriodAssessment } from "@/lib/analytics/anomalies/types";

export type FarringtonOptions = {
  /** Periods per year (the lag between reference points). */
  frequency: number;
  /** Years back (reference points t - frequency·i, i = 1..b). */
  b?: number;
  /** Half-width of each reference window. */
  w?: number;
  /** Levels of the seasonal factor; 1 = original Farrington (only the windows are used). */
  noPeriods?: number;
  /** Most recent periods (besides t) left out of the fit. */
  pastPeriodsNotIncluded?: number;
  alpha?: number;
  thresholdMethod?: FarringtonThresholdMethod;
  reweight?: boolean;
  weightsThreshold?: number;
  trend?: boolean;
  pThresholdTrend?: number;
  /** Alarm only when the last `limit54[1]` periods hold at least `limit54[0]` cases. */
  limit54?: readonly [number, number];
  /** First period to assess (0-based); default frequency·b + w, the first with a full reference. */
  from?: number;
};

export type FarringtonAssessment = PeriodAssessment & {
  /** Over-dispersion used for the threshold (>= 1). */
  phi: number;
  /** Whether the time trend was kept (significant, >= 3 years, no over-extrapolation). */
  trendFitted: boolean;
  /** True when the alarm was withheld by the limit54 rule (too few recent cases). */
  limit54Suppressed: boolean;
};

/** Noufaily et al. (2013)'s improved Farrington, as `farringtonFlexible` with these controls. */
export const FARRINGTON_NOUFAILY_DEFAULTS = {
  b: 5,
  w: 3,
  noPeriods: 10,
  pastPeriodsNotIncluded: 26,
  alpha: 0.05,
  thresholdMethod: "nbPlugin",
  reweight: true,
  weightsThreshold: 2.58,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: [5, 4],
} as const satisfies Omit<Required<FarringtonOptions>, "frequency" | "from">;

type Resolved = Required<Omit<FarringtonOptions, "from">>;

/**
 * Anscombe residuals of a quasi-Poisson fit, as surveillance's `anscombe.residuals`. A point with
 * leverage 1 (the only observation of its seasonal level) is fitted exactly and gets 0; R divides
 * 0 by 0 there and stops with an error.
 */
function anscombeResiduals(fit: QuasiPoissonFit, y: readonly number[], phi: number): number[] {
  return y.map((yi, i) => {
    const mu = fit.fitted[i]!;
    const oneMinusH = 1 - fit.hatValues[i]!;
    if (oneMinusH < 1e-8) return 0;
    const a = 1.5 * (Math.pow(yi, 2 / 3) * Math.pow(mu, -1 / 6) - Math.sqrt(mu));
    return a / Math.sqrt(phi * oneMinusH);
  });
}

/** Farrington weights: residuals above the threshold get s^-2, all scaled to average 1. */
function assignWeights(s: readonly number[], threshold: number): number[] {
  const raw = s.map((v) => (v > threshold ? v ** -2 : 1));
  const gamma = s.length / raw.reduce((a, v) => a + v, 0);
  return raw.map((v) => gamma * v);
}

/**
 * phi is max(1, Pearson dispersion). `seDispersion` scales standard errors (trend test, prediction
 * se): after reweighting, R's fitter stores the Farrington weights in `model$weights`, where
 * `summary.glm` expects the IRLS working weights, so R's standard errors use
 * sum(omega·((y - mu)/mu)²)/(n - p). We mirror that to reproduce R's trend decisions and thresholds.
 */
type Model = { fit: QuasiPoissonFit; phi: number; seDispersion: number; design: number[][] };

/** Fit with optional reweighting; falls back to no trend when IRLS does not converge (as R). */
function fitModel(rows: number[][], y: readonly number[], withTrend: boolean, o: Resolved): Model | null {
  const design = withTrend ? rows : rows.map((r) => [r[0]!, ...r.slice(2)]);
  let fit = fitQuasiPoissonGlm(design, y);
  if (!fit.converged) return withTrend ? fitModel(rows, y, false, o) : null;
  let phi = Math.max(fit.dispersion, 1) || 1;
  if (!o.reweight) return { fit, phi, seDispersion: fit.dispersion, design };
  const omega = assignWeights(anscombeResiduals(fit, y, phi), o.weightsThreshold);
  fit = fitQuasiPoissonGlm(design, y, omega);
  phi = Math.max(fit.dispersion, 1) || 1;
  const mu = fit.fitted;
  const seDispersion = y.reduce((s, yi, i) => s + omega[i]! * ((yi - mu[i]!) / mu[i]!) ** 2, 0) / fit.dfResidual;
  return { fit, phi, seDispersion, design };
}

function assessPeriod(values: readonly number[], t: number, o: Resolved): FarringtonAssessment | null {
  const labels = computeFarringtonBlocks(t, o);
  const levels = new Set<number>();
  const used: number[] = [];
  for (let j = 0; j <= t; j++) {
    if (Number.isNaN(labels[j]!) || j >= t - o.pastPeriodsNotIncluded) continue;
    used.push(j);
    levels.add(labels[j]!);
  }
  const sortedLevels = [...levels].sort((a, c) => a - c).slice(1);
  // Columns: intercept, wtime (1-based index, as R), one dummy per non-reference level.
  const toRow = (j: number, level: number) => [1, j + 1, ...sortedLevels.map((l) => (l === level ? 1 : 0))];
  const rows = used.map((j) => toRow(j, labels[j]!));
  const y = used.map((j) => values[j]!);
  const now = toRow(t, o.noPeriods);
  const nowNoTrend = [now[0]!, ...now.slice(2)];

  let model = fitModel(rows, y, o.trend, o);
  if (!model) return null;
  let trend = false;
  if (model.design[0]!.length === rows[0]!.length && model.fit.keptColumns.includes(1)) {
    const { eta } = predictLink(model.fit, now, model.seDispersion);
    const j = model.fit.keptColumns.indexOf(1);
    const seTrend = Math.sqrt(model.fit.covUnscaled[j]![j]! * model.seDispersion);
    const significant = Math.abs(model.fit.coefficients[j]! / seTrend) > tQuantile(1 - o.pThresholdTrend / 2, model.fit.dfResidual);
    const noExtrapolation = Math.exp(eta) <= Math.max(...y);
    trend = o.b >= 3 && significant && noExtrapolation;
    if (!trend) {
      model = fitModel(rows, y, false, o);
      if (!model) return null;
    }
  }
  const { eta, se } = predictLink(model.fit, trend ? now : nowNoTrend, model.seDispersion);
  const threshold = computeFarringtonThreshold({ method: o.thresholdMethod, eta, seEta: se, phi: model.phi, alpha: o.alpha });
  const upperBound = Number.isFinite(threshold) ? threshold : null;
  const observed = values[t]!;
  const expected = Math.exp(eta);
  let recent = 0;
  for (let j = Math.max(0, t - o.limit54[1] + 1); j <= t; j++) recent += values[j]!;
  const enoughCases = recent >= o.limit54[0];
  const exceeds = Number.isFinite(threshold) && observed > threshold && observed !== 0;
  return {
    index: t,
    observed,
    expected,
    upperBound,
    alarm: enoughCases && exceeds,
    score: upperBound === null ? null : toAnomalyScore(computeScore(observed, expected, upperBound)),
    phi: model.phi,
    trendFitted: trend,
    limit54Suppressed: !enoughCases && exceeds,
  };
}

/**
 * `surveillance::farringtonFlexible` (Farrington et al. 1996; Noufaily et al. 2013) on a plain
 * count vector. For each period t from `from` on, a quasi-Poisson log-linear GLM
 *   log mu_j = a + beta·j + gamma_{block(j)}
 * is fitted by IRLS to the reference data chosen by `computeFarringtonBlocks` (b years back,
 * windows of ±w, a noPeriods-level seasonal factor), minus the last `pastPeriodsNotIncluded`
 * periods. Observations with Anscombe residual above `weightsThreshold` are down-weighted by s^-2
 * and the model refitted; phi = max(1, Pearson dispersion). The trend is kept only with >= 3 years,
 * p < pThresholdTrend (t-test on the quasi-likelihood standard error) and a prediction not above
 * the largest reference count; otherwise the model is refitted without it. expected = exp(eta0),
 * threshold from `computeFarringtonThreshold`. Alarm when observed > threshold, observed > 0 and the
 * limit54 rule holds (R then reports upperbound NA; we keep the bound and mark `limit54Suppressed`).
 * A threshold that overflows (R: NA) is reported as upperBound null, with no alarm.
 * Periods whose GLM fails to converge with and without trend, or whose weighted design is singular,
 * are skipped (R: NA or an error).
 * Defaults: `FARRINGTON_NOUFAILY_DEFAULTS`. Throws RangeError when `from` lacks a full reference.
 */
export function computeFarringtonFlexible(values: readonly number[], options: FarringtonOptions): FarringtonAssessment[] {
  const o: Resolved = { ...FARRINGTON_NOUFAILY_DEFAULTS, ...options };
  const from = options.from ?? o.frequency * o.b + o.w;
  const out: FarringtonAssessment[] = [];
  for (let t = from; t < values.length; t++) {
    let result: FarringtonAssessment | null = null;
    try {
      result = assessPeriod(values, t, o);
    } catch (error) {
      // A singular weighted design (R: an error or NA for this period): skip the period.
      if (!(error instanceof RangeError) || !/rank-deficient/.test(error.message)) throw error;
    }
    if (result) out.push(result);
  }
  return out;
}
