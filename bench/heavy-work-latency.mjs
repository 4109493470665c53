// Cached-read latency while heavy work runs (issue #9): p99 of a cached GET /api/faers/trend (Redis), idle
// and while one 200,000-row POST /api/analytics/disproportionality runs, in interleaved rounds on the
// built app. Target: busy p99 ≤ 2 × idle p99. Probes are open-loop (one every 10 ms whether or not the
// last returned), so a stalled event loop shows in every probe it delays. Everything runs on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bearerToken } from "./lib/app-token.mjs";
import { freePort, median, waitFor } from "./lib/proc.mjs";
import { randomReportRows } from "./lib/report-rows.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const IDLE_MS = 4000;

const children = [];
function start(name, command, args, env = {}) {
  // Own process group: tsx runs the fake server in a child of its own, which must die with it.
  const child = spawn(command, args, { cwd: root, detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "ignore", "inherit"] });
  child.name = name;
  children.push(child);
  return child;
}
process.on("exit", () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
process.on("SIGINT", () => process.exit(130));

const [redisPort, fakePort, appPort] = await Promise.all([freePort(), freePort(), freePort()]);
const app = `http://127.0.0.1:${appPort}`;
start("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
start("fake-openfda", process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/fake-openfda/cli.ts"], { PORT: String(fakePort) });
start("app", process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"], {
  OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  LOG_LEVEL: "warn",
  AUTH_SECRET: "bench-secret-not-for-production-0123456789",
  ADMIN_EMAIL: "bench@localhost",
  ADMIN_PASSWORD: "bench-password-123456",
  RATE_LIMIT_API_PER_MINUTE: "1000000",
  RATE_LIMIT_TOKEN_PER_HOUR: "1000",
});
await waitFor(`${app}/api/health`);

const auth = { authorization: `Bearer ${await bearerToken(app, "bench@localhost", "bench-password-123456")}` };
const trendUrl = `${app}/api/faers/trend?drug=LETAIRIS&interval=month&from=2004-01-01&to=2025-12-31`;
await fetch(trendUrl, { headers: auth }).then((r) => r.arrayBuffer());
const hit = await fetch(trendUrl, { headers: auth });
await hit.arrayBuffer();
if (hit.headers.get("x-cache") !== "HIT") throw new Error(`expected a cached trend, got X-Cache ${hit.headers.get("x-cache")}`);

const body = JSON.stringify({ reports: randomReportRows(200_000) });

/** Open-loop probes of the cached trend until `until` resolves; returns latencies (failures as Infinity). */
async function probe(until) {
  const latencies = [];
  const pending = [];
  let failures = 0;
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(trendUrl, { headers: auth })
        .then(async (r) => {
          await r.arrayBuffer();
          if (r.status !== 200) failures += 1;
          latencies.push(performance.now() - started);
        })
        .catch(() => {
          failures += 1;
          latencies.push(Infinity);
        }),
    );
  }, PROBE_EVERY_MS);
  const result = await until;
  clearInterval(timer);
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)];
  return { result, count: latencies.length, failures, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) };
}

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
