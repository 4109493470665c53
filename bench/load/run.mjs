// `npm run load [-- --duration 5m --rate 12 --users 14 --redis[=redis://…]]`: Locust (Debian's
// python3-locust) headless on loopback against the production app, in three phases of one run: the bare
// node:http floor at the same rate, the idle p99 of cached reads, then the main scenario (cached and
// uncached reads, analytics POSTs, reports with task polling and download, open alert streams) while
// /api/metrics is sampled every 5 s. Prints the figures next to the floor and idle ones, checks the
// issue's criteria, and writes everything to bench/out/load-<timestamp>/. Exit code 1 when a rule fails.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { bearerToken } from "../lib/app-token.mjs";
import { treeCpuSeconds } from "../lib/proc.mjs";
import { parseDuration } from "./figures.mjs";
import { buildSummary, formatSummary } from "./report.mjs";
import { ADMIN, LOAD_USER, root, startFloor, startStack } from "./stack.mjs";

/** The rate this 2-core machine sustained for 5 minutes with every rule passing (bench/README.md). */
const DEFAULT_RATE = 16;
const DEFAULT_USERS = 18;
const LOCUST = process.env.LOCUST_BIN ?? "/usr/bin/locust";
const HOT_PATHS = ["LETAIRIS", "PREDNISONE", "ASPIRIN"].flatMap((drug) =>
  ["trend", "summary", "reactions"].map((kind) => `/api/faers/${kind}?drug=${drug}&from=2004-01-01&to=2025-12-31`),
);

function parseArgs(argv) {
  const options = { duration: "5m", rate: DEFAULT_RATE, users: DEFAULT_USERS, redis: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === "--duration") options.duration = value();
    else if (flag === "--rate") options.rate = Number(value());
    else if (flag === "--users") options.users = Number(value());
    else if (flag === "--redis") options.redis = inline ?? true;
    else throw new Error(`unknown flag ${flag} (use --duration, --rate, --users, --redis[=url])`);
  }
  options.seconds = parseDuration(options.duration);
  if (!(options.rate > 0 && options.rate <= 1000)) throw new Error("--rate must be between 0 and 1000 requests/s");
  if (!(Number.isInteger(options.users) && options.users >= 3)) throw new Error("--users must be a whole number ≥ 3 (one report user, one stream user, the rest API users)");
  return options;
}

/** Runs one Locust phase; resolves when it exits. Its own output goes to <phase>/locust.log. */
function locust(phase, { outDir, host, users, seconds, classes, env, stopTimeout = 10 }) {
  const dir = path.join(outDir, phase);
  mkdirSync(dir, { recursive: true });
  const args = ["-f", "bench/load/locustfile.py", "--headless", "-u", String(users), "-r", String(Math.max(1, Math.ceil(users / 2))),
    "--run-time", `${seconds}s`, "--stop-timeout", String(stopTimeout), "--host", host, "--csv", path.join(dir, "locust"),
    "--html", path.join(dir, "report.html"), "--only-summary", "--loglevel", "WARNING", ...classes];
  return new Promise((resolve, reject) => {
    const child = spawn(LOCUST, args, { cwd: root, env: { ...process.env, ...env, LOAD_OUT: dir, LOAD_PHASE: phase }, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      writeFileSync(path.join(dir, "locust.log"), log);
      // Locust exits 1 when any request failed: that is a figure, not a crash (the summary reports it).
      if (code === 0 || code === 1) resolve(dir);
      else reject(new Error(`locust (${phase}) exited ${code}; see ${dir}/locust.log`));
    });
  });
}

/** Samples /api/metrics every 5 s until stopped; a 404 (route not built yet) is recorded and sampling stops. */
function sampleMetrics(app, token) {
  const samples = [];
  const started = Date.now();
  let notice = null;
  const scrape = async () => {
    try {
      const response = await fetch(`${app}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status === 404) {
        notice = "GET /api/metrics answered 404 (the metrics route is not in this build): queue depth, job step and cache metrics are missing below";
        clearInterval(timer);
        return;
      }
      if (!response.ok) {
        samples.push({ t: (Date.now() - started) / 1000, status: response.status });
        return;
      }
      samples.push({ t: (Date.now() - started) / 1000, status: 200, text });
    } catch (error) {
      samples.push({ t: (Date.now() - started) / 1000, status: 0, error: String(error) });
    }
  };
  const timer = setInterval(scrape, 5000);
  const first = scrape();
  return {
    stop: async () => {
      clearInterval(timer);
      await first;
      await scrape();
      return { samples, notice };
    },
  };
}

async function json(response, what) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The load user: an analyst made through the admin API, with a personal access token (as scripts use). */
async function loadUserToken(app) {
  const admin = { authorization: `Bearer ${await bearerToken(app, ADMIN.email, ADMIN.password)}`, "content-type": "application/json" };
  const created = await fetch(`${app}/api/admin/users`, { method: "POST", headers: admin, body: JSON.stringify({ ...LOAD_USER, role: "analyst" }) });
  if (created.status !== 201 && created.status !== 409) throw new Error(`creating the load user: ${created.status} ${await created.text()}`);
  const analyst = { authorization: `Bearer ${await bearerToken(app, LOAD_USER.email, LOAD_USER.password)}`, "content-type": "application/json" };
  const pat = await json(await fetch(`${app}/api/account/tokens`, { method: "POST", headers: analyst, body: JSON.stringify({ name: `load test ${Date.now()}` }) }), "PAT");
  return pat.token;
}

/** Fills the cache for the hot paths; returns the cached trend's bytes (the floor serves the same). */
async function warmHotPaths(app, token) {
  const headers = { authorization: `Bearer ${token}` };
  let trendBody = null;
  for (const p of HOT_PATHS) {
    await (await fetch(`${app}${p}`, { headers })).arrayBuffer();
    const again = await fetch(`${app}${p}`, { headers });
    const body = Buffer.from(await again.arrayBuffer());
    if (again.status !== 200 || again.headers.get("x-cache") !== "HIT") throw new Error(`warming ${p}: ${again.status}, X-Cache ${again.headers.get("x-cache")}`);
    if (p.includes("/trend?drug=LETAIRIS")) trendBody = body;
  }
  return trendBody;
}

/**
 * Before any phase: one call of each analytics route (the worker pool starts its threads on first use)
 * and one report to the end (the first render loads react-pdf and the fonts), so no phase pays them.
 */
async function warmUp(app, token) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = (p, body) => fetch(`${app}${p}`, { method: "POST", headers, body: JSON.stringify(body) }).then((r) => json(r, `warming ${p}`));
  const series = Array.from({ length: 60 }, (_, i) => 100 + (i % 12) * 3);
  await post("/api/analytics/forecast", { series, frequency: 12, horizon: 6 });
  await post("/api/analytics/anomalies", { series, frequency: 12, method: "ears_c2" });
  await post("/api/analytics/disproportionality", { tables: [{ a: 20, b: 80, c: 100, d: 9800 }] });
  const { taskId } = await post("/api/reports", { product: { drug: "LETAIRIS" }, from: "2004-01-01", to: "2025-12-31", title: `load warm-up ${Date.now()}` });
  for (let i = 0; i < 600; i++) {
    const task = await json(await fetch(`${app}/api/tasks/${taskId}`, { headers }), "warm-up task");
    if (task.status === "succeeded") return;
    if (task.status === "failed" || task.status === "cancelled") throw new Error(`warm-up report ${task.status}: ${task.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the warm-up report did not finish in 2 minutes");
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(LOCUST)) {
  console.error(`${LOCUST} not found: install Debian's python3-locust (apt-get install python3-locust), or set LOCUST_BIN.`);
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const outDir = path.join(root, "bench", "out", `load-${stamp}`);
mkdirSync(outDir, { recursive: true });
if ((await ensureBuild()) !== 0) process.exit(1);

const stack = await startStack({ redis: options.redis, outDir });
const token = await loadUserToken(stack.app);
const trendBody = await warmHotPaths(stack.app, token);
await warmUp(stack.app, token);
const floor = await startFloor({ redisUrl: stack.redisUrl, port: stack.floorPort, body: trendBody, outDir });
const apiUsers = options.users - 2;
const baseEnv = { LOAD_TOKEN: token, LOAD_RATE: String(options.rate), LOAD_API_USERS: String(apiUsers) };
const short = options.seconds < 120;
const floorSeconds = short ? 20 : 60;
const idleSeconds = short ? 30 : 60;
const idleRate = 4;
console.log(`load: app ${stack.app} (${options.redis ? `Redis ${stack.redisUrl}` : "in-memory store"}), ${options.rate} req/s from ${apiUsers} API users + 1 report user + 1 stream user, ${options.seconds} s; out ${path.relative(root, outDir)}`);

console.log(`load: floor, ${floorSeconds} s at ${options.rate} req/s …`);
const floorDir = await locust("floor", { outDir, host: floor.url, users: apiUsers, seconds: floorSeconds, classes: ["FloorUser"], env: baseEnv });
console.log(`load: idle cached reads, ${idleSeconds} s at ${idleRate} req/s …`);
const idleDir = await locust("idle", { outDir, host: stack.app, users: 2, seconds: idleSeconds, classes: ["IdleUser"], env: { ...baseEnv, LOAD_RATE: String(idleRate), LOAD_API_USERS: "2" } });
console.log(`load: main scenario, ${options.seconds} s …`);
const sampler = sampleMetrics(stack.app, stack.metricsToken);
const fakeBefore = await (await fetch(`${stack.fakeOpenFda}/__control/requests`)).json().catch(() => null);
const mainStarted = Date.now();
const appCpuBefore = treeCpuSeconds(stack.appPid);
const mainDir = await locust("main", {
  outDir,
  host: stack.app,
  users: options.users,
  seconds: options.seconds,
  classes: ["ApiUser", "ReportUser", "StreamUser"],
  // Reports and streams still open at the end finish inside Locust (each one counts).
  stopTimeout: 300,
  env: { ...baseEnv, LOAD_REPORT_EVERY_SECONDS: String(short ? 15 : 30), LOAD_STREAM_SECONDS: String(short ? 20 : 30) },
});
const mainSeconds = (Date.now() - mainStarted) / 1000;
const appCpuSeconds = treeCpuSeconds(stack.appPid) - appCpuBefore;
const metrics = await sampler.stop();
const fakeAfter = await (await fetch(`${stack.fakeOpenFda}/__control/requests`)).json().catch(() => null);
await floor.cleanup();
writeFileSync(path.join(outDir, "metrics-samples.json"), JSON.stringify(metrics, null, 1));

const read = (dir, file, fallback) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8") : fallback);
const summary = buildSummary({
  options: { ...options, apiUsers, floorSeconds, idleSeconds, idleRate, store: options.redis ? "redis" : "memory" },
  mainSeconds,
  appCpuSeconds,
  floor: { stats: read(floorDir, "locust_stats.csv", ""), samples: JSON.parse(read(floorDir, "samples-floor.json", '{"samples":[]}')).samples },
  idle: { stats: read(idleDir, "locust_stats.csv", ""), samples: JSON.parse(read(idleDir, "samples-idle.json", '{"samples":[]}')).samples },
  main: {
    stats: read(mainDir, "locust_stats.csv", ""),
    samples: JSON.parse(read(mainDir, "samples-main.json", '{"samples":[]}')).samples,
    reports: JSON.parse(read(mainDir, "reports.json", "[]")),
    streams: JSON.parse(read(mainDir, "streams.json", "[]")),
  },
  metrics,
  openFdaCalls: Array.isArray(fakeBefore) && Array.isArray(fakeAfter) ? fakeAfter.length - fakeBefore.length : null,
});
const text = formatSummary(summary);
writeFileSync(path.join(outDir, "summary.json"), JSON.stringify(summary, null, 1));
writeFileSync(path.join(outDir, "summary.txt"), text);
console.log(`\n${text}`);
console.log(`\nwritten to ${path.relative(root, outDir)}/ (Locust CSV and HTML per phase, samples, summary.json, summary.txt)`);
process.exit(summary.verdict.every((v) => v.pass) ? 0 : 1);
