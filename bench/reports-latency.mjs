// Cached-read latency while CER reports build (issue #11): p99 of a cached GET /api/faers/trend, idle and
// while three reports run their jobs (collect, render in the worker pool, store), in interleaved rounds on
// the built app with Redis and the local job provider. Target: busy p99 ≤ 2 × idle p99. Probes are
// open-loop (one every 10 ms), so a stalled event loop shows in every probe it delays. 127.0.0.1 only.
import { probeLatency, startAppUnderLoad } from "./lib/app-under-load.mjs";
import { median } from "./lib/proc.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const IDLE_MS = 4000;

const { app, auth, trendUrl } = await startAppUnderLoad({ RATE_LIMIT_REPORTS_PER_HOUR: "100000", REPORT_QUOTA_PER_USER: "10000" });
const probe = (until) => probeLatency(trendUrl, auth, until, PROBE_EVERY_MS);

let serial = 0;
/** Requests one report (a distinct title, so a new job) and waits for its task to end. */
async function oneReport() {
  serial += 1;
  const response = await fetch(`${app}/api/reports`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ product: { drug: "LETAIRIS" }, from: "2004-01-01", to: "2025-12-31", title: `bench report ${serial} ${Date.now()}` }),
  });
  if (response.status !== 202) throw new Error(`POST /api/reports answered ${response.status}: ${await response.text()}`);
  const { taskId } = await response.json();
  for (;;) {
    const task = await (await fetch(`${app}/api/tasks/${taskId}`, { headers: auth })).json();
    if (task.status === "succeeded") return task;
    if (task.status === "failed" || task.status === "cancelled") throw new Error(`report task ${task.status}: ${task.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function threeReports() {
  const started = performance.now();
  await Promise.all([oneReport(), oneReport(), oneReport()]);
  return { seconds: (performance.now() - started) / 1000 };
}

await oneReport(); // warm-up: starts the worker, loads react-pdf and the fonts
const rounds = [];
for (let round = 1; round <= ROUNDS; round++) {
  const idle = await probe(new Promise((r) => setTimeout(r, IDLE_MS)));
  const busy = await probe(threeReports());
  rounds.push({ idle, busy });
  console.log(`round ${round}/${ROUNDS}: idle p99 ${idle.p99.toFixed(1)} ms | busy p99 ${busy.p99.toFixed(1)} ms, max ${busy.max.toFixed(1)} ms (${busy.count} probes) | three reports ${busy.result.seconds.toFixed(1)} s`);
}
const idleP99 = median(rounds.map((r) => r.idle.p99));
const busyP99 = median(rounds.map((r) => r.busy.p99));
console.log(`\nCached GET /api/faers/trend, one probe every ${PROBE_EVERY_MS} ms (median of ${ROUNDS} rounds):`);
console.log(`  idle                       p99 ${idleP99.toFixed(1)} ms`);
console.log(`  while 3 reports build      p99 ${busyP99.toFixed(1)} ms`);
console.log(`  ratio busy ÷ idle          ${(busyP99 / idleP99).toFixed(2)}   (target ≤ 2)`);
console.log(`  three reports, wall time   ${median(rounds.map((r) => r.busy.result.seconds)).toFixed(1)} s`);
process.exit(0);
