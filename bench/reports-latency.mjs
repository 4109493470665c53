// Cached-read latency while CER reports build (issue #11): p99 of a cached GET /api/faers/trend, idle and
// while three reports run their jobs (collect, render in the worker pool, store), in interleaved rounds on
// the built app with Redis and the local job provider. Target: busy p99 ≤ 2 × idle p99. Probes are
// open-loop (one every 10 ms), so a stalled event loop shows in every probe it delays. 127.0.0.1 only.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bearerToken } from "./lib/app-token.mjs";
import { freePort, median, waitFor } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE_EVERY_MS = 10;
const IDLE_MS = 4000;

const children = [];
function start(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "ignore", "inherit"] });
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
start("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
start(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/fake-openfda/cli.ts"], { PORT: String(fakePort) });
start(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"], {
  OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  LOG_LEVEL: "warn",
  AUTH_SECRET: "bench-secret-not-for-production-0123456789",
  ADMIN_EMAIL: "bench@localhost",
  ADMIN_PASSWORD: "bench-password-123456",
  RATE_LIMIT_API_PER_MINUTE: "1000000",
  RATE_LIMIT_TOKEN_PER_HOUR: "1000",
  RATE_LIMIT_REPORTS_PER_HOUR: "100000",
  REPORT_QUOTA_PER_USER: "10000",
});
await waitFor(`${app}/api/health`);

const auth = { authorization: `Bearer ${await bearerToken(app, "bench@localhost", "bench-password-123456")}` };
const trendUrl = `${app}/api/faers/trend?drug=LETAIRIS&interval=month&from=2004-01-01&to=2025-12-31`;
await fetch(trendUrl, { headers: auth }).then((r) => r.arrayBuffer());
const hit = await fetch(trendUrl, { headers: auth });
await hit.arrayBuffer();
if (hit.headers.get("x-cache") !== "HIT") throw new Error(`expected a cached trend, got X-Cache ${hit.headers.get("x-cache")}`);

async function probe(until) {
  const latencies = [];
  const pending = [];
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(trendUrl, { headers: auth })
        .then(async (r) => {
          await r.arrayBuffer();
          latencies.push(r.status === 200 ? performance.now() - started : Infinity);
        })
        .catch(() => latencies.push(Infinity)),
    );
  }, PROBE_EVERY_MS);
  const result = await until;
  clearInterval(timer);
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)];
  return { result, count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) };
}

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
