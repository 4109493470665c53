import type { EtsInitialStates, EtsSmoothing, EtsSpec } from "@/lib/analytics/forecast/ets-model";
import { solveSymmetric } from "@/lib/analytics/forecast/least-squares";

/**
 * Profile likelihood of a linear ETS model (additive error, no multiplicative component: ANN, AAN,
 * AAdN, ANA, AAA, AAdA) over its initial states. The one-step errors are affine in x₀,
 * e = e(y, 0) + Z·x₀ (Hyndman et al. 2008 §5.2), so for fixed smoothing parameters the x₀ that
 * minimises Σe² — and so maximises n·log Σe² — is a least-squares solution. Seasonal states carry R's
 * constraint Σs = 0 (m − 1 free terms).
 *
 * Z costs four passes, not one per state: a seasonal initial state only starts to act when its season
 * first comes round (its errors are zero until then and the state merely rotates), so the column of the
 * phase-p state is the phase-0 column delayed by p steps, and the seasonal block of Z′Z is built from
 * lagged products of that one impulse response: O(n·m) work instead of O(n·m²).
 *
 * Buffers are allocated once per profile; the returned functions are not re-entrant.
 */
export interface LinearProfile {
  /** Minimised Σe² (the hot path: no allocation). */
  sse(smoothing: EtsSmoothing): number;
  /** Minimised Σe² and the minimising initial states (seasonal in time order). */
  solve(smoothing: EtsSmoothing): { initial: EtsInitialStates; sse: number };
  /** The one-step errors at the profiled initial states, written to `out`. */
  residuals(smoothing: EtsSmoothing, out: Float64Array): void;
}

export function createLinearProfile(y: Float64Array, spec: EtsSpec, m: number): LinearProfile {
  const n = y.length;
  const hasTrend = spec.trend !== "N";
  const seasonal = spec.season !== "N";
  const mm = seasonal ? m : 1;
  const a = hasTrend ? 2 : 1; // level (and trend) columns
  const k = a + (seasonal ? m - 1 : 0);
  const work = new Float64Array(mm);
  const e0 = new Float64Array(n);
  const zl = new Float64Array(n);
  const zb = new Float64Array(n);
  const h = new Float64Array(n);
  const G = new Float64Array(k * k);
  const r = new Float64Array(k);
  const rhs = new Float64Array(k);
  const cross = new Float64Array(a * mm);
  const rs = new Float64Array(mm);
  const S = new Float64Array(mm * mm);
  const seasonalWork = new Float64Array(4 * mm);

  const effective = (s: EtsSmoothing) => ({
    alpha: s.alpha,
    beta: hasTrend ? s.beta : 0,
    gamma: seasonal ? s.gamma : 0,
    phi: spec.trend === "Ad" ? s.phi : hasTrend ? 1 : 0,
  });

  const pass = (data: Float64Array | null, s: EtsSmoothing, level: number, trend: number, errors: Float64Array) =>
    linearPass(data, n, mm, s.alpha, s.beta, s.gamma, s.phi, seasonal, level, trend, work, errors);

  /** Fills `theta` with the least-squares initial states (free parameters) and returns Σe². */
  function core(smoothing: EtsSmoothing): number {
    const s = effective(smoothing);
    impulsePasses(y, n, mm, s, seasonal, e0, zl, zb, h, seasonalWork);
    G.fill(0);
    let e0sq = 0;
    let r0 = 0;
    let r1 = 0;
    let g00 = 0;
    let g10 = 0;
    let g11 = 0;
    for (let t = 0; t < n; t++) {
      const e = e0[t]!;
      const l = zl[t]!;
      const b = zb[t]!;
      e0sq += e * e;
      r0 += l * e;
      g00 += l * l;
      if (hasTrend) {
        r1 += b * e;
        g10 += b * l;
        g11 += b * b;
      }
    }
    r[0] = r0;
    G[0] = g00;
    if (hasTrend) {
      r[1] = r1;
      G[k] = g10;
      G[k + 1] = g11;
    }
    if (seasonal) {
      // Unconstrained seasonal block for phases 0..m-1, then the constraint s_{m-1} = -Σ_{p<m-1} s_p.
      for (let p = 0; p < m; p++) {
        cross[p] = lagDot(zl, h, p, n);
        rs[p] = lagDot(e0, h, p, n);
        if (hasTrend) cross[m + p] = lagDot(zb, h, p, n);
      }
      for (let d = 0; d < m; d++) {
        // S[p][p+d] = Σ_{u=0}^{n-1-(p+d)} h(u)·h(u+d): the full lag-d sum minus its last q − d terms
        // (two accumulators, so the loop is not bound by the latency of one running sum).
        let even = 0;
        let odd = 0;
        const end = n - d;
        let u = 0;
        for (; u + 1 < end; u += 2) {
          even += h[u]! * h[u + d]!;
          odd += h[u + 1]! * h[u + 1 + d]!;
        }
        if (u < end) even += h[u]! * h[u + d]!;
        let acc = even + odd;
        for (let q = d; q < m; q++) {
          if (q > d) acc -= h[n - q]! * h[n - q + d]!;
          S[(q - d) * m + q] = acc;
          S[q * m + q - d] = acc;
        }
      }
      const last = m - 1;
      const sLastLast = S[last * m + last]!;
      for (let p = 0; p < m - 1; p++) {
        const row = a + p;
        r[row] = rs[p]! - rs[last]!;
        for (let i = 0; i < a; i++) G[row * k + i] = cross[i * m + p]! - cross[i * m + last]!;
        for (let q = 0; q <= p; q++) G[row * k + a + q] = S[p * m + q]! - S[p * m + last]! - S[last * m + q]! + sLastLast;
      }
    }
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) G[i * k + j] = G[j * k + i]!;
    for (let i = 0; i < k; i++) rhs[i] = -r[i]!;
    const theta = solveSymmetric(G, rhs, k);
    let sse = e0sq;
    for (let i = 0; i < k; i++) sse += theta[i]! * r[i]!;
    return Math.max(sse, 0);
  }

  function solve(smoothing: EtsSmoothing): { initial: EtsInitialStates; sse: number } {
    const sse = core(smoothing);
    let seasonalStates: number[] = [];
    if (seasonal) {
      const free = Array.from(rhs.subarray(a));
      seasonalStates = [...free, -free.reduce((x, z) => x + z, 0)];
    }
    return { initial: { level: rhs[0]!, trend: hasTrend ? rhs[1]! : 0, seasonal: seasonalStates }, sse };
  }


  function residuals(smoothing: EtsSmoothing, out: Float64Array): void {
    core(smoothing);
    if (seasonal) {
      let sum = 0;
      for (let i = 0; i < m - 1; i++) {
        work[i] = rhs[a + i]!;
        sum += work[i]!;
      }
      work[m - 1] = -sum;
    }
    pass(y, effective(smoothing), rhs[0]!, hasTrend ? rhs[1]! : 0, out);
  }

  return { sse: core, solve, residuals };
}

/** Σ_{t ≥ lag} x(t)·h(t − lag), with two accumulators (the loop is then throughput-, not latency-bound). */
function lagDot(x: Float64Array, h: Float64Array, lag: number, n: number): number {
  let even = 0;
  let odd = 0;
  let t = lag;
  for (; t + 1 < n; t += 2) {
    even += x[t]! * h[t - lag]!;
    odd += x[t + 1]! * h[t + 1 - lag]!;
  }
  if (t < n) even += x[t]! * h[t - lag]!;
  return even + odd;
}

/**
 * The four passes the profile needs, interleaved in one loop so that their independent dependency
 * chains overlap: errors with the data and x₀ = 0 (e0), and with no data for a unit initial level (zl),
 * trend (zb) and phase-0 seasonal state (h). Same recursion as {@link linearPass}.
 */
function impulsePasses(
  y: Float64Array,
  n: number,
  m: number,
  s: { alpha: number; beta: number; gamma: number; phi: number },
  hasSeason: boolean,
  e0: Float64Array,
  zl: Float64Array,
  zb: Float64Array,
  h: Float64Array,
  seasonal: Float64Array,
): void {
  const { alpha, beta, gamma, phi } = s;
  seasonal.fill(0);
  seasonal[3 * m] = 1;
  let l0 = 0, b0 = 0, l1 = 1, b1 = 0, l2 = 0, b2 = 1, l3 = 0, b3 = 0;
  let phase = 0;
  const m2 = 2 * m;
  const m3 = 3 * m;
  for (let t = 0; t < n; t++) {
    const p0 = phi * b0;
    const p1 = phi * b1;
    const p2 = phi * b2;
    const p3 = phi * b3;
    const q0 = l0 + p0;
    const q1 = l1 + p1;
    const q2 = l2 + p2;
    const q3 = l3 + p3;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    if (hasSeason) {
      s0 = seasonal[phase]!;
      s1 = seasonal[m + phase]!;
      s2 = seasonal[m2 + phase]!;
      s3 = seasonal[m3 + phase]!;
    }
    const e0t = y[t]! - q0 - s0;
    const e1t = -q1 - s1;
    const e2t = -q2 - s2;
    const e3t = -q3 - s3;
    e0[t] = e0t;
    zl[t] = e1t;
    zb[t] = e2t;
    h[t] = e3t;
    l0 = q0 + alpha * e0t;
    l1 = q1 + alpha * e1t;
    l2 = q2 + alpha * e2t;
    l3 = q3 + alpha * e3t;
    b0 = p0 + beta * e0t;
    b1 = p1 + beta * e1t;
    b2 = p2 + beta * e2t;
    b3 = p3 + beta * e3t;
    if (hasSeason) {
      seasonal[phase] = s0 + gamma * e0t;
      seasonal[m + phase] = s1 + gamma * e1t;
      seasonal[m2 + phase] = s2 + gamma * e2t;
      seasonal[m3 + phase] = s3 + gamma * e3t;
      if (++phase === m) phase = 0;
    }
  }
}

/**
 * One-step errors of the linear recursion with data y (or all zeros when y is null): ℓ′ = q + αe,
 * b′ = φb + βe, s′ = s + γe, q = ℓ + φb. A branch-light copy of `runEtsPass` for the profile, which
 * runs it four times per evaluation.
 */
function linearPass(
  y: Float64Array | null,
  n: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  hasSeason: boolean,
  level: number,
  trend: number,
  seasonal: Float64Array,
  errors: Float64Array,
): void {
  let l = level;
  let b = trend;
  if (hasSeason) {
    let phase = 0;
    for (let t = 0; t < n; t++) {
      const phib = phi * b;
      const q = l + phib;
      const s = seasonal[phase]!;
      const e = (y === null ? 0 : y[t]!) - q - s;
      errors[t] = e;
      l = q + alpha * e;
      b = phib + beta * e;
      seasonal[phase] = s + gamma * e;
      if (++phase === m) phase = 0;
    }
  } else {
    for (let t = 0; t < n; t++) {
      const phib = phi * b;
      const q = l + phib;
      const e = (y === null ? 0 : y[t]!) - q;
      errors[t] = e;
      l = q + alpha * e;
      b = phib + beta * e;
    }
  }
}
