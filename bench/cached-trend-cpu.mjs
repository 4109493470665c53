// Server CPU per request of a cached GET /api/faers/trend, next to (a) an empty Next route handler and
// (b) a bare node:http + Redis GET server serving the same bytes; interleaved rounds on loopback.
// Targets (issue #2): app ÷ empty Next ≤ 1.3, app ÷ floor ≤ 15. Everything runs on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { standaloneDirOf, standaloneEnv } from "../scripts/lib/standalone.mjs";
import { bearerToken } from "./lib/app-token.mjs";
import { freePort, median, treeCpuSeconds, waitFor } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = 500;
const CONNECTIONS = 20;

const children = [];
function start(name, command, args, env = {}, cwd = root) {
  const child = spawn(command, args, { cwd, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "ignore", "inherit"] });
  child.name = name;
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

async function run(url, amount, headers = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, amount, timeout: 10, headers });
  return { ok: result["2xx"], non2xx: result.non2xx + result.errors, p99: result.latency.p99 };
}

async function measure(target) {
  await run(target.url, WARMUP, target.headers);
  const before = treeCpuSeconds(target.pid);
  const result = await run(target.url, REQUESTS, target.headers);
  const cpu = treeCpuSeconds(target.pid) - before;
  if (result.non2xx > 0) throw new Error(`${target.name}: ${result.non2xx} failed requests`);
  return { usPerReq: (cpu / REQUESTS) * 1e6, p99: result.p99 };
}

const [redisPort, fakePort, appPort, emptyPort, floorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
const redisUrl = `redis://127.0.0.1:${redisPort}`;

start("redis", "redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
start("fake-openfda", process.execPath, ["--import", "tsx", "tests/support/fake-openfda/cli.ts"], { PORT: String(fakePort) });
// The standalone server, as npm start and the image run it.
const app = start("app", process.execPath, [path.join(standaloneDirOf(root), "server.js")], standaloneEnv({
  HOSTNAME_BIND: "127.0.0.1",
  OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
  REDIS_URL: redisUrl,
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  // Since #4 every analytics route needs a signed-in caller: a bench admin, and no API rate limit.
  AUTH_SECRET: "bench-secret-not-for-production-0123456789",
  ADMIN_EMAIL: "bench@localhost",
  ADMIN_PASSWORD: "bench-password-123456",
  RATE_LIMIT_API_PER_MINUTE: "1000000",
  RATE_LIMIT_TOKEN_PER_HOUR: "1000",
  // On a shared, busy machine the default 200 ms Redis timeout turns event-loop stalls into 503s (and
  // the bench refuses any); a longer one changes no work done per request.
  CACHE_TIMEOUT_MS: "1000",
}, { port: appPort }));
const empty = start(
  "empty-next",
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(emptyPort), "-H", "127.0.0.1"],
  {},
  path.join(root, "bench/fixtures/empty-next"),
);

const trendPath = "/api/faers/trend?drug=LETAIRIS&interval=month&from=2004-01-01&to=2025-12-31";
await waitFor(`http://127.0.0.1:${appPort}/api/ready`);
await waitFor(`http://127.0.0.1:${emptyPort}/api/empty`);

// Credentials: a 1-hour API token (JWT) and a personal access token, both through the app's API.
const jwt = await bearerToken(`http://127.0.0.1:${appPort}`, "bench@localhost", "bench-password-123456");
const patResponse = await fetch(`http://127.0.0.1:${appPort}/api/account/tokens`, {
  method: "POST",
  headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
  body: JSON.stringify({ name: "bench" }),
});
const pat = (await patResponse.json()).token;
const jwtHeaders = { authorization: `Bearer ${jwt}` };
const patHeaders = { authorization: `Bearer ${pat}` };

// Fill the app's cache, then give the floor server the very bytes the app answers with.
const warm = await fetch(`http://127.0.0.1:${appPort}${trendPath}`, { headers: jwtHeaders });
const bytes = Buffer.from(await warm.arrayBuffer());
const hit = await fetch(`http://127.0.0.1:${appPort}${trendPath}`, { headers: jwtHeaders });
if (hit.headers.get("x-cache") !== "HIT") throw new Error(`expected a cached trend, got X-Cache ${hit.headers.get("x-cache")}`);
const seed = new Redis(redisUrl);
await seed.set("bench:trend-body", bytes);
seed.disconnect();
const floor = start("floor", process.execPath, ["bench/floor-server.mjs", String(floorPort), redisUrl, "bench:trend-body"]);
await waitFor(`http://127.0.0.1:${floorPort}/`);

const targets = [
  { name: "app cached trend", url: `http://127.0.0.1:${appPort}${trendPath}`, pid: app.pid, headers: jwtHeaders },
  { name: "app trend, personal token", url: `http://127.0.0.1:${appPort}${trendPath}`, pid: app.pid, headers: patHeaders },
  { name: "app health (no auth)", url: `http://127.0.0.1:${appPort}/api/health`, pid: app.pid },
  { name: "empty Next handler", url: `http://127.0.0.1:${emptyPort}/api/empty`, pid: empty.pid },
  { name: "node:http + Redis GET", url: `http://127.0.0.1:${floorPort}/`, pid: floor.pid },
];

const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
const p99s = Object.fromEntries(targets.map((t) => [t.name, []]));
for (let round = 1; round <= ROUNDS; round++) {
  const line = [];
  for (const target of targets) {
    const m = await measure(target);
    samples[target.name].push(m.usPerReq);
    p99s[target.name].push(m.p99);
    line.push(`${target.name} ${m.usPerReq.toFixed(0)} µs`);
  }
  console.log(`round ${round}/${ROUNDS}: ${line.join(" | ")}`);
}

const med = Object.fromEntries(targets.map((t) => [t.name, median(samples[t.name])]));
const appUs = med["app cached trend"];
const ratioEmpty = appUs / med["empty Next handler"];
const ratioFloor = appUs / med["node:http + Redis GET"];
console.log(`\nServer CPU per request (median of ${ROUNDS} interleaved rounds, ${REQUESTS} requests each, ${CONNECTIONS} connections, body ${bytes.length} B):`);
for (const t of targets) console.log(`  ${t.name.padEnd(24)} ${med[t.name].toFixed(0).padStart(6)} µs/req   p99 ${median(p99s[t.name]).toFixed(1)} ms`);
console.log(`  ratio app ÷ empty Next    ${ratioEmpty.toFixed(2)}   (target ≤ 1.3)`);
console.log(`  ratio app ÷ floor         ${ratioFloor.toFixed(2)}   (target ≤ 15)`);
console.log(`  (app cached trend uses a 1-hour API token; with a personal token ${med["app trend, personal token"].toFixed(0)} µs)`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(
  path.join(root, "bench/results/cached-trend-cpu.json"),
  JSON.stringify({ at: new Date().toISOString(), rounds: ROUNDS, requests: REQUESTS, bodyBytes: bytes.length, samples, medians: med, ratioEmpty, ratioFloor }, null, 2),
);
stopAll();
process.exit(0);
