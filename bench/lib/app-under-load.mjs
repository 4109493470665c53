// The built app on Redis and the local openFDA-compatible server, for the latency benchmarks, and an
// open-loop probe of one cached URL. Everything runs on 127.0.0.1; the children die with this process.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { standaloneDirOf, standaloneEnv } from "../../scripts/lib/standalone.mjs";
import { bearerToken } from "./app-token.mjs";
import { freePort, spawnGroupChild, waitFor } from "./proc.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function start(command, args, env = {}) {
  // Own process group: tsx runs the fake server in a child of its own, which must die with it.
  return spawnGroupChild(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Starts Redis, the fake openFDA and the standalone server (with `appEnv` added), signs in, and warms the cached
 * trend of LETAIRIS. Returns the app's URL, the bearer header, that trend URL (checked to be a HIT), the
 * app's pid (for its process tree's RSS) and the Redis URL it runs on.
 */
export async function startAppUnderLoad(appEnv = {}) {
  const [redisPort, fakePort, appPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const app = `http://127.0.0.1:${appPort}`;
  start("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
  start(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/fake-openfda/cli.ts"], { PORT: String(fakePort) });
  const appChild = start(process.execPath, [path.join(standaloneDirOf(root), "server.js")], standaloneEnv({
    HOSTNAME_BIND: "127.0.0.1",
    OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    LOG_LEVEL: "warn",
    AUTH_SECRET: "bench-secret-not-for-production-0123456789",
    ADMIN_EMAIL: "bench@localhost",
    ADMIN_PASSWORD: "bench-password-123456",
    RATE_LIMIT_API_PER_MINUTE: "1000000",
    RATE_LIMIT_TOKEN_PER_HOUR: "1000",
    ...appEnv,
  }, { port: appPort }));
  await waitFor(`${app}/api/ready`);
  const auth = { authorization: `Bearer ${await bearerToken(app, "bench@localhost", "bench-password-123456")}` };
  const trendUrl = `${app}/api/faers/trend?drug=LETAIRIS&interval=month&from=2004-01-01&to=2025-12-31`;
  await fetch(trendUrl, { headers: auth }).then((r) => r.arrayBuffer());
  const hit = await fetch(trendUrl, { headers: auth });
  await hit.arrayBuffer();
  if (hit.headers.get("x-cache") !== "HIT") throw new Error(`expected a cached trend, got X-Cache ${hit.headers.get("x-cache")}`);
  return { root, app, auth, trendUrl, appPid: appChild.pid, redisUrl: `redis://127.0.0.1:${redisPort}` };
}

/**
 * Open-loop probes of `url` (one every `everyMs`, whether or not the last returned) until `until`
 * resolves, so a stalled event loop shows in every probe it delays. Non-200 answers count in `failures`;
 * a failed request also as Infinity.
 */
export async function probeLatency(url, headers, until, everyMs = 10) {
  const latencies = [];
  const pending = [];
  let failures = 0;
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(url, { headers })
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
  }, everyMs);
  const result = await until;
  clearInterval(timer);
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * q) - 1)];
  return { result, count: latencies.length, failures, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) };
}
