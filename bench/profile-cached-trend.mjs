// Where a cached trend request's CPU goes: runs the built app under --cpu-prof, sends N cached
// requests, and prints the heaviest functions (self time). Usage: node bench/profile-cached-trend.mjs [requests] [outDir]
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { standaloneDirOf, standaloneEnv } from "../scripts/lib/standalone.mjs";
import { bearerToken } from "./lib/app-token.mjs";
import { freePort, waitFor } from "./lib/proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REQUESTS = Number(process.argv[2] ?? 6000);
const outDir = path.resolve(process.argv[3] ?? "/tmp/cpu-prof-trend");

const [redisPort, fakePort, appPort] = await Promise.all([freePort(), freePort(), freePort()]);
const children = [];
const start = (command, args, env = {}) => {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
};
start("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
start(process.execPath, ["--import", "tsx", "tests/support/fake-openfda/cli.ts"], { PORT: String(fakePort) });
// The standalone server, as the bench and npm start run it.
const app = start(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${outDir}`, path.join(standaloneDirOf(root), "server.js")], standaloneEnv({
  HOSTNAME_BIND: "127.0.0.1",
  OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  AUTH_SECRET: "bench-secret-not-for-production-0123456789",
  ADMIN_EMAIL: "bench@localhost",
  ADMIN_PASSWORD: "bench-password-123456",
  RATE_LIMIT_API_PER_MINUTE: "1000000",
  CACHE_TIMEOUT_MS: "1000",
}, { port: appPort }));
const base = `http://127.0.0.1:${appPort}`;
await waitFor(`${base}/api/health`);
const jwt = await bearerToken(base, "bench@localhost", "bench-password-123456");
const url = `${base}/api/faers/trend?drug=LETAIRIS&interval=month&from=2004-01-01&to=2025-12-31`;
await fetch(url, { headers: { authorization: `Bearer ${jwt}` } });
const result = await autocannon({ url, connections: 20, amount: REQUESTS, headers: { authorization: `Bearer ${jwt}` } });
console.log(`${result["2xx"]} ok, ${result.non2xx} non-2xx`);
app.kill("SIGTERM");
await new Promise((r) => app.once("exit", r));
for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");

// Self time per function, summed over every profile written (next start may fork).
const self = new Map();
let total = 0;
for (const file of readdirSync(outDir).filter((f) => f.endsWith(".cpuprofile"))) {
  const profile = JSON.parse(readFileSync(path.join(outDir, file), "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || "(anon)"} ${f.url.replace(/.*node_modules\//, "").replace(/.*\.next\//, ".next/")}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + us);
    if (f.functionName !== "(idle)" && f.functionName !== "(program)") total += us;
  }
}
console.log(`busy ${(total / 1000).toFixed(0)} ms ≈ ${(total / REQUESTS).toFixed(0)} µs/request (sampled, incl. boot)`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
process.exit(0);
