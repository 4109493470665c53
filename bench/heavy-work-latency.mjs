// Cached-read latency while heavy work runs (issue #9): p99 of a cached GET /api/faers/trend (Redis), idle
// and while one 200,000-row POST /api/analytics/disproportionality runs, in interleaved rounds on the
// built app. Target: busy p99 ≤ 2 × idle p99. Probes are open-loop (one every 10 ms whether or not the
// last returned), so a stalled event loop shows in every probe it delays. Everything runs on 127.0.0.1.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { probeLatency, startAppUnderLoad } from "./lib/app-under-load.mjs";
import { median } from "./lib/proc.mjs";
import { randomReportRows } from "./lib/report-rows.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const IDLE_MS = 4000;

const { root, app, auth, trendUrl } = await startAppUnderLoad();
const body = JSON.stringify({ reports: randomReportRows(200_000) });

const probe = (until) => probeLatency(trendUrl, auth, until, PROBE_EVERY_MS);

async function analysis() {
  const started = performance.now();
  const response = await fetch(`${app}/api/analytics/disproportionality`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`analysis answered ${response.status}: ${text.slice(0, 200)}`);
  const answer = JSON.parse(text);
  return { seconds: (performance.now() - started) / 1000, chars: text.length, totalPairs: answer.totalPairs, returned: answer.returned };
}

// One analysis first, unmeasured: it starts the worker and warms the JIT in both threads.
await analysis();
const rounds = [];
for (let round = 1; round <= ROUNDS; round++) {
  const idle = await probe(new Promise((r) => setTimeout(r, IDLE_MS)));
  const busy = await probe(analysis());
  rounds.push({ idle, busy });
  const a = busy.result;
  console.log(
    `round ${round}/${ROUNDS}: idle p99 ${idle.p99.toFixed(1)} ms (${idle.count} probes) | busy p99 ${busy.p99.toFixed(1)} ms, max ${busy.max.toFixed(1)} ms (${busy.count} probes, ${busy.failures} failed) | analysis ${a.seconds.toFixed(1)} s, ${a.totalPairs} pairs, ${a.returned} returned, ${(a.chars / 1e6).toFixed(1)} M chars`,
  );
}

const idleP99 = median(rounds.map((r) => r.idle.p99));
const busyP99 = median(rounds.map((r) => r.busy.p99));
const ratio = busyP99 / idleP99;
console.log(`\nCached GET /api/faers/trend, one probe every ${PROBE_EVERY_MS} ms (median of ${ROUNDS} rounds):`);
console.log(`  idle                          p99 ${idleP99.toFixed(1)} ms   p50 ${median(rounds.map((r) => r.idle.p50)).toFixed(1)} ms`);
console.log(`  during a 200,000-row analysis p99 ${busyP99.toFixed(1)} ms   p50 ${median(rounds.map((r) => r.busy.p50)).toFixed(1)} ms`);
console.log(`  ratio busy ÷ idle             ${ratio.toFixed(2)}   (target ≤ 2)`);
console.log(`  analysis wall time            ${median(rounds.map((r) => r.busy.result.seconds)).toFixed(1)} s (worker pool: ANALYTICS_WORKERS default)`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(
  path.join(root, "bench/results/heavy-work-latency.json"),
  `${JSON.stringify({ when: new Date().toISOString(), rounds: rounds.map((r) => ({ idle: { ...r.idle, result: undefined }, busy: { ...r.busy } })), idleP99, busyP99, ratio }, null, 2)}\n`,
);
process.exit(ratio <= 2 ? 0 : 1);
