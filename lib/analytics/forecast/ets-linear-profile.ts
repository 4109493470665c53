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

  const effective = (s: EtsSmoothing) => ({
    alpha: s.alpha,
    beta: hasTrend ? s.beta : 0,
    gamma: seasonal ? s.gamma : 0,
    phi: spec.trend === "Ad" ? s.phi : hasTrend ? 1 : 0,
  });

  const pass = (data: Float64Array | null, s: EtsSmoothing, level: number, trend: number, errors: Float64Array) =>
    linearPass(data, n, mm, s.alpha, s.beta, s.gamma, s.phi, seasonal, level, trend, work, errors);

  function solve(smoothing: EtsSmoothing): { initial: EtsInitialStates; sse: number } {
    const s = effective(smoothing);
    work.fill(0);
    pass(y, s, 0, 0, e0);
    work.fill(0);
    pass(null, s, 1, 0, zl);
    if (hasTrend) {
      work.fill(0);
      pass(null, s, 0, 1, zb);
    }
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
      work.fill(0);
      work[0] = 1;
      pass(null, s, 0, 0, h);
      // Unconstrained seasonal block for phases 0..m-1, then the constraint s_{m-1} = -Σ_{p<m-1} s_p.
      for (let p = 0; p < m; p++) {
        let cl = 0;
        let cb = 0;
        let ce = 0;
        for (let t = p; t < n; t++) {
          const hv = h[t - p]!;
          cl += zl[t]! * hv;
          ce += e0[t]! * hv;
          if (hasTrend) cb += zb[t]! * hv;
        }
        cross[p] = cl;
        if (hasTrend) cross[m + p] = cb;
        rs[p] = ce;
      }
      for (let d = 0; d < m; d++) {
        // S[p][p+d] = Σ_{u=0}^{n-1-(p+d)} h(u)·h(u+d): one running sum over u, read off at n − q.
        let acc = 0;
        let u = 0;
        for (let q = m - 1; q >= d; q--) {
          const upto = n - q;
          for (; u < upto; u++) acc += h[u]! * h[u + d]!;
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
    let seasonalStates: number[] = [];
    if (seasonal) {
      const free = Array.from(theta.subarray(a));
      seasonalStates = [...free, -free.reduce((x, z) => x + z, 0)];
    }
    return { initial: { level: theta[0]!, trend: hasTrend ? theta[1]! : 0, seasonal: seasonalStates }, sse: Math.max(sse, 0) };
  }

  function residuals(smoothing: EtsSmoothing, out: Float64Array): void {
    const { initial } = solve(smoothing);
    const s = effective(smoothing);
    if (seasonal) for (let i = 0; i < m; i++) work[i] = initial.seasonal[i]!;
    pass(y, s, initial.level, initial.trend, out);
  }

  return { solve, residuals };
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
