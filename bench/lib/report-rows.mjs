// Deterministic report rows for load tests (generated, not real data): one row per report, drugs and
// events drawn from 3,000 names each with a seeded PRNG, so 200,000 rows give about 198,000 distinct
// pairs, and the same seed gives the same rows (the e2e spec, the bench and the tests share this).

/** mulberry32: a small seeded 32-bit PRNG. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @returns {{ id: number; drug: string; event: string }[]} */
export function randomReportRows(count = 200_000, seed = 9, names = 3000) {
  const next = prng(seed);
  const rows = new Array(count);
  for (let i = 0; i < count; i += 1) {
    rows[i] = { id: i, drug: `DRUG-${Math.floor(next() * names)}`, event: `EVENT-${Math.floor(next() * names)}` };
  }
  return rows;
}
