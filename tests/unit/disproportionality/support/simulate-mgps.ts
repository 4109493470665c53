import type { MgpsHyperparameters, MgpsPoint } from "@/lib/analytics/disproportionality";

/** Deterministic PRNG (mulberry32) so simulated data are identical on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) draw (Marsaglia & Tsang 2000; shape < 1 by the U^(1/shape) boost). */
function gamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Poisson(mean) draw: inversion for small means, normal approximation above 500 (never reached here). */
function poisson(random: () => number, mean: number): number {
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random();
  while (u > cumulative && k < 10_000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/**
 * Cells drawn from DuMouchel's model: E log-uniform on [eMin, eMax], λ from the θ mixture,
 * N ~ Poisson(λE); only cells with N ≥ 1 are kept (as in a contingency set).
 */
export function simulateMgpsCells(theta: MgpsHyperparameters, cells: number, seed: number, eMin = 0.01, eMax = 20): MgpsPoint[] {
  const random = createRandom(seed);
  const out: MgpsPoint[] = [];
  for (let i = 0; i < cells; i++) {
    const e = eMin * Math.pow(eMax / eMin, random());
    const lambda = random() < theta.p ? gamma(random, theta.alpha1, theta.beta1) : gamma(random, theta.alpha2, theta.beta2);
    const n = poisson(random, lambda * e);
    if (n >= 1) out.push({ n, e });
  }
  return out;
}
