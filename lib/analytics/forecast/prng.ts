/**
 * A seeded stream of standard normal draws: xoshiro128** (Blackman & Vigna 2018; period 2¹²⁸ − 1)
 * seeded through splitmix32, turned into normals by Marsaglia's polar method. Pure: the same seed always
 * gives the same sequence (however it is split into `fill` calls), and nothing reads a clock or global
 * state.
 */
export function createNormalStream(seed: number): { fill(out: Float64Array): Float64Array } {
  let state = seed >>> 0;
  const splitmix32 = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  /** Next xoshiro128** output mapped to (−1, 1). */
  const nextSigned = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return (result + 0.5) / 2147483648 - 1;
  };
  // The polar method makes normals in pairs; an odd-length fill keeps the second for the next call.
  let spare = Number.NaN;
  const fill = (out: Float64Array): Float64Array => {
    const n = out.length;
    let i = 0;
    if (n > 0 && !Number.isNaN(spare)) {
      out[i++] = spare;
      spare = Number.NaN;
    }
    while (i < n) {
      let u: number;
      let v: number;
      let s: number;
      do {
        u = nextSigned();
        v = nextSigned();
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * factor;
      if (i < n) out[i++] = v * factor;
      else spare = v * factor;
    }
    return out;
  };
  return { fill };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
