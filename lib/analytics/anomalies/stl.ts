/**
 * STL, Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning 1990,
 * J. Official Statistics 6:3-73), written from the paper's algorithm with the choices of R's
 * `stats::stl` so that results agree with R to rounding:
 * - inner loop: detrend, smooth each cycle-subseries by loess (extended one period at each end),
 *   low-pass the result (moving averages of np, np, 3, then loess of span nl), seasonal = smoothed
 *   subseries minus low-pass, then loess of the deseasonalised series for the trend;
 * - outer loop: bisquare robustness weights B(|r| / (6·median|r|)) on the remainder;
 * - loess is evaluated every `jump` points and linearly interpolated between them, with tricube
 *   neighbourhood weights (spans larger than the series widen the bandwidth, as in R).
 * `periodic` (R's s.window = "periodic") uses span 10n + 1 with degree 0 and finally replaces the
 * seasonal component by its mean per cycle position.
 */

export type StlOptions = {
  period: number;
  /** Seasonal span (odd, >= 3), or "periodic". */
  seasonalWindow: number | "periodic";
  seasonalDegree?: 0 | 1;
  trendWindow?: number;
  lowpassWindow?: number;
  /** Robust fitting: 1 inner and 15 outer iterations (R: robust = TRUE); else 2 inner, 0 outer. */
  robust?: boolean;
};

export type StlResult = { seasonal: number[]; trend: number[]; remainder: number[]; weights: number[] };

/** R's nextodd: round, then add one if even. */
function nextOdd(x: number): number {
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) r -= 1; // R rounds halves to even
  return r % 2 === 0 ? r + 1 : r;
}

type Weights = { use: boolean; rw: readonly number[] };

/**
 * Local (degree 0 or 1) tricube-weighted fit at position xs (1-based) over y[nleft..nright]
 * (1-based, inclusive). Returns null when every weight is zero.
 */
function loessEstimate(y: readonly number[], len: number, degree: number, xs: number, nleft: number, nright: number, weights: Weights): number | null {
  const n = y.length;
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  const w = new Float64Array(nright - nleft + 1);
  let total = 0;
  for (let j = nleft; j <= nright; j++) {
    const r = Math.abs(j - xs);
    let wj = 0;
    if (r <= h9) {
      wj = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (weights.use) wj *= weights.rw[j - 1]!;
    }
    w[j - nleft] = wj;
    total += wj;
  }
  if (total <= 0) return null;
  for (let i = 0; i < w.length; i++) w[i]! /= total;
  if (h > 0 && degree > 0) {
    let a = 0;
    for (let j = nleft; j <= nright; j++) a += w[j - nleft]! * j;
    let b = xs - a;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - nleft]! * (j - a) ** 2;
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - nleft]! *= b * (j - a) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - nleft]! * y[j - 1]!;
  return ys;
}

/** Loess smooth of y at every position, evaluated every `jump` points and interpolated between. */
function loessSmooth(y: readonly number[], len: number, degree: number, jump: number, weights: Weights): number[] {
  const n = y.length;
  const ys = new Array<number>(n).fill(0);
  if (n < 2) return [y[0]!];
  const nj = Math.min(jump, n - 1);
  const fit = (i: number, nleft: number, nright: number) => {
    ys[i - 1] = loessEstimate(y, len, degree, i, nleft, nright, weights) ?? y[i - 1]!;
  };
  let nleft = 1;
  let nright = n;
  const nsh = Math.floor((len + 1) / 2);
  if (len >= n) {
    for (let i = 1; i <= n; i += nj) fit(i, 1, n);
  } else if (nj === 1) {
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      fit(i, nleft, nright);
    }
  } else {
    for (let i = 1; i <= n; i += nj) {
      if (i < nsh) [nleft, nright] = [1, len];
      else if (i >= n - nsh + 1) [nleft, nright] = [n - len + 1, n];
      else [nleft, nright] = [i - nsh + 1, len + i - nsh];
      fit(i, nleft, nright);
    }
  }
  if (nj !== 1) {
    for (let i = 1; i <= n - nj; i += nj) {
      const delta = (ys[i + nj - 1]! - ys[i - 1]!) / nj;
      for (let j = i + 1; j <= i + nj - 1; j++) ys[j - 1] = ys[i - 1]! + delta * (j - i);
    }
    const k = Math.floor((n - 1) / nj) * nj + 1;
    if (k !== n) {
      fit(n, nleft, nright);
      if (k !== n - 1) {
        const delta = (ys[n - 1]! - ys[k - 1]!) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[j - 1] = ys[k - 1]! + delta * (j - k);
      }
    }
  }
  return ys;
}

/** Running mean of width len: n - len + 1 values. */
function movingAverage(x: readonly number[], len: number): number[] {
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i]!;
  out.push(v / len);
  for (let j = len; j < x.length; j++) {
    v += x[j]! - x[j - len]!;
    out.push(v / len);
  }
  return out;
}

type Params = { np: number; ns: number; nt: number; nl: number; isdeg: number; itdeg: number; ildeg: number; nsjump: number; ntjump: number; nljump: number };

/** Smooth every cycle-subseries, extended by one point at each end: n + 2·np values. */
function smoothCycleSubseries(y: readonly number[], p: Params, weights: Weights): number[] {
  const n = y.length;
  const season = new Array<number>(n + 2 * p.np).fill(0);
  for (let j = 1; j <= p.np; j++) {
    const k = Math.floor((n - j) / p.np) + 1;
    const sub: number[] = [];
    const subW: number[] = [];
    for (let i = 1; i <= k; i++) {
      sub.push(y[(i - 1) * p.np + j - 1]!);
      subW.push(weights.rw[(i - 1) * p.np + j - 1] ?? 1);
    }
    const w: Weights = { use: weights.use, rw: subW };
    const inner = loessSmooth(sub, p.ns, p.isdeg, p.nsjump, w);
    const first = loessEstimate(sub, p.ns, p.isdeg, 0, 1, Math.min(p.ns, k), w) ?? inner[0]!;
    const last = loessEstimate(sub, p.ns, p.isdeg, k + 1, Math.max(1, k - p.ns + 1), k, w) ?? inner[k - 1]!;
    const ext = [first, ...inner, last];
    for (let m = 1; m <= k + 2; m++) season[(m - 1) * p.np + j - 1] = ext[m - 1]!;
  }
  return season;
}

function stlInner(y: readonly number[], p: Params, inner: number, weights: Weights, trend: number[]): number[] {
  const n = y.length;
  let seasonal = new Array<number>(n).fill(0);
  for (let it = 0; it < inner; it++) {
    const detrended = y.map((v, i) => v - trend[i]!);
    const cycle = smoothCycleSubseries(detrended, p, weights);
    const lowpass = loessSmooth(movingAverage(movingAverage(movingAverage(cycle, p.np), p.np), 3), p.nl, p.ildeg, p.nljump, { use: false, rw: [] });
    seasonal = y.map((_, i) => cycle[p.np + i]! - lowpass[i]!);
    const smoothed = loessSmooth(y.map((v, i) => v - seasonal[i]!), p.nt, p.itdeg, p.ntjump, weights);
    for (let i = 0; i < n; i++) trend[i] = smoothed[i]!;
  }
  return seasonal;
}

/** Bisquare weights of the remainder scaled by 6·median|r| (the median as the mean of the middle pair). */
function robustnessWeights(y: readonly number[], fit: readonly number[]): number[] {
  const r = y.map((v, i) => Math.abs(v - fit[i]!));
  const sorted = Float64Array.from(r).sort();
  const n = r.length;
  const mid1 = Math.floor(n / 2) + 1;
  const mid2 = n - mid1 + 1;
  const cmad = 3 * (sorted[mid1 - 1]! + sorted[mid2 - 1]!);
  return r.map((v) => (v <= 0.001 * cmad ? 1 : v <= 0.999 * cmad ? (1 - (v / cmad) ** 2) ** 2 : 0));
}

/** Decomposes y into seasonal + trend + remainder. Needs more than two full periods (as R). */
export function decomposeStl(y: readonly number[], options: StlOptions): StlResult {
  const n = y.length;
  const period = options.period;
  if (period < 2 || n <= 2 * period) throw new RangeError("STL needs a period of at least 2 and more than two full periods");
  const periodic = options.seasonalWindow === "periodic";
  const sWindow = periodic ? 10 * n + 1 : (options.seasonalWindow as number);
  const sDegree = periodic ? 0 : (options.seasonalDegree ?? 0);
  const tWindow = options.trendWindow ?? nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / sWindow)));
  const lWindow = options.lowpassWindow ?? nextOdd(period);
  const odd = (v: number) => {
    const m = Math.max(3, v);
    return m % 2 === 0 ? m + 1 : m;
  };
  const p: Params = {
    np: period,
    ns: odd(sWindow),
    nt: odd(tWindow),
    nl: odd(lWindow),
    isdeg: sDegree,
    itdeg: 1,
    ildeg: 1,
    nsjump: Math.ceil(sWindow / 10),
    ntjump: Math.ceil(tWindow / 10),
    nljump: Math.ceil(lWindow / 10),
  };
  const robust = options.robust ?? false;
  const inner = robust ? 1 : 2;
  const outer = robust ? 15 : 0;
  const trend = new Array<number>(n).fill(0);
  let weights: Weights = { use: false, rw: new Array<number>(n).fill(1) };
  let seasonal = stlInner(y, p, inner, weights, trend);
  for (let k = 0; k < outer; k++) {
    weights = { use: true, rw: robustnessWeights(y, y.map((_, i) => trend[i]! + seasonal[i]!)) };
    seasonal = stlInner(y, p, inner, weights, trend);
  }
  if (periodic) {
    const sums = new Array<number>(period).fill(0);
    const counts = new Array<number>(period).fill(0);
    seasonal.forEach((v, i) => {
      sums[i % period]! += v;
      counts[i % period]! += 1;
    });
    seasonal = seasonal.map((_, i) => sums[i % period]! / counts[i % period]!);
  }
  return {
    seasonal,
    trend,
    remainder: y.map((v, i) => v - seasonal[i]! - trend[i]!),
    weights: outer > 0 ? [...weights.rw] : new Array<number>(n).fill(1),
  };
}
