import type { EtsSmoothing, EtsSpec } from "@/lib/analytics/forecast/ets-model";

/** Final state after a pass over the data, plus the fit statistics. */
export interface EtsPass {
  /** R's criterion: n·log Σe² (+ 2·Σ log|ŷ| for multiplicative errors); +Infinity if the pass failed. */
  lik: number;
  /** Σe² (e relative for multiplicative errors). */
  sse: number;
  level: number;
  trend: number;
}

const TOLERANCE = 1e-10;

/**
 * One pass of the ETS recursion in error-correction form, exactly as R forecast's `etscalc` (C):
 *   ŷ = (l + φb) ⊕ s,  e = y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative),
 *   l' = q + α(p − q) with q = l + φb and p = y ⊖ s,
 *   b' = φb + β(l' − l − φb)/α,  s' = s + γ(y ⊘ q − s)
 * where ⊕/⊖/⊘ are +/−/− for additive and ×/÷/÷ for multiplicative seasonality. The state update is
 * the same for both error types; only e and the likelihood differ.
 *
 * `seasonal` holds the m seasonal states indexed by phase (t mod m) and is updated in place, so after the
 * pass it holds the states for t = n … n+m−1. Multiplicative-error passes fail (lik = +Infinity) when a
 * one-step forecast is not strictly positive, which R tolerates but which has no meaning for counts.
 */
export function runEtsPass(
  y: Float64Array,
  spec: EtsSpec,
  m: number,
  smoothing: EtsSmoothing,
  level0: number,
  trend0: number,
  seasonal: Float64Array,
  out?: { errors?: Float64Array; fitted?: Float64Array },
): EtsPass {
  const n = y.length;
  const multError = spec.error === "M";
  const hasTrend = spec.trend !== "N";
  const season = spec.season === "N" ? 0 : spec.season === "A" ? 1 : 2;
  const alpha = smoothing.alpha;
  const gamma = smoothing.gamma;
  const phi = spec.trend === "Ad" ? smoothing.phi : 1;
  const betaOverAlpha = hasTrend ? smoothing.beta / alpha : 0;
  const errors = out?.errors ?? null;
  const fitted = out?.fitted ?? null;
  let l = level0;
  let b = hasTrend ? trend0 : 0;
  let sse = 0;
  // Σ log ŷ is accumulated as a running product, renormalised now and then: one log per ~100 steps.
  let logSum = 0;
  let product = 1;
  let phase = 0;
  for (let t = 0; t < n; t++) {
    const yt = y[t]!;
    const phib = phi * b;
    const q = l + phib;
    let s = 0;
    let f = q;
    let p = yt;
    if (season === 1) {
      s = seasonal[phase]!;
      f = q + s;
      p = yt - s;
    } else if (season === 2) {
      s = seasonal[phase]!;
      if (Math.abs(s) < TOLERANCE) return failed(l, b);
      f = q * s;
      p = yt / s;
    }
    let e = yt - f;
    if (multError) {
      if (!(f > TOLERANCE)) return failed(l, b);
      e /= f;
      product *= f;
      if (product > 1e150 || product < 1e-150) {
        logSum += Math.log(product);
        product = 1;
      }
    }
    sse += e * e;
    if (errors !== null) errors[t] = e;
    if (fitted !== null) fitted[t] = f;
    const lNew = q + alpha * (p - q);
    if (hasTrend) b = phib + betaOverAlpha * (lNew - l - phib);
    if (season === 1) {
      seasonal[phase] = s + gamma * (yt - q - s);
    } else if (season === 2) {
      if (Math.abs(q) < TOLERANCE) return failed(l, b);
      seasonal[phase] = s + gamma * (yt / q - s);
    }
    l = lNew;
    if (++phase === m) phase = 0;
  }
  if (!Number.isFinite(sse)) return failed(l, b);
  // A perfect fit (Σe² = 0) would give −∞; floor it so that optimisers and AICc stay finite.
  const lik = n * Math.log(Math.max(sse, 1e-300)) + (multError ? 2 * (logSum + Math.log(product)) : 0);
  return { lik, sse, level: l, trend: b };
}

function failed(level: number, trend: number): EtsPass {
  return { lik: Infinity, sse: Infinity, level, trend };
}

/**
 * Point forecasts ŷ_{n+h}, h = 1…H, from the final state (R's `forecast` in etscalc.c):
 * (l + φ_h·b) ⊕ s_{n+h−m(k+1)}, φ_h = φ + … + φ^h, k = ⌊(h−1)/m⌋.
 */
export function pointForecasts(
  spec: EtsSpec,
  m: number,
  smoothing: EtsSmoothing,
  state: { level: number; trend: number; seasonal: Float64Array; phase: number },
  horizon: number,
): number[] {
  const phi = spec.trend === "Ad" ? smoothing.phi : 1;
  const out: number[] = [];
  let phiSum = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPower *= phi;
    phiSum += phiPower;
    let f = state.level + (spec.trend === "N" ? 0 : phiSum * state.trend);
    if (spec.season !== "N") {
      const s = state.seasonal[(state.phase + h - 1) % m] as number;
      f = spec.season === "A" ? f + s : f * s;
    }
    out.push(f);
  }
  return out;
}
