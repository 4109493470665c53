// The servers `npm run load` runs against, all on 127.0.0.1 free ports: a private redis-server (the floor's
// store, and the app's with --redis), the local openFDA-compatible server, the production app, and the
// bare node:http floor. Every child runs in its own process group and is killed when this process exits.
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { freePort, spawnGroupChild, waitFor } from "../lib/proc.mjs";
import { standaloneDirOf, standaloneEnv } from "../../scripts/lib/standalone.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const ADMIN = { email: "load-admin@localhost", password: "load-admin-password-123" };
export const LOAD_USER = { email: "load-analyst@localhost", password: "load-analyst-password-456" };


/** Starts a child in its own process group (tsx and Next start grandchildren), stderr to `logFile`. */
export function startChild(command, args, { env = {}, logFile } = {}) {
  const log = logFile ? openSync(logFile, "a") : "ignore";
  return spawnGroupChild(command, args, { cwd: root, env, stdio: ["ignore", log, log] });
}

/** The production app on `port`, on loopback only: Next's standalone server.js, as npm start and the image run it. */
export function startAppServer(port, env, logFile) {
  const serverEnv = standaloneEnv({ ...process.env, ...env, HOSTNAME_BIND: "127.0.0.1" }, { port });
  return startChild(process.execPath, [path.join(standaloneDirOf(root), "server.js")], { env: serverEnv, logFile });
}

/**
 * Starts everything and returns the URLs, the metrics token and the redis URL. `redis`: false (the app on
 * its in-memory store), true (the app on the private redis-server) or a redis:// URL to use instead.
 */
export async function startStack({ redis, outDir }) {
  const [redisPort, fakePort, appPort, floorPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const log = (name) => path.join(outDir, `${name}.log`);
  // A private, empty redis-server unless a URL was given: no keys of earlier runs or other tests.
  const redisUrl = typeof redis === "string" ? redis : `redis://127.0.0.1:${redisPort}`;
  if (typeof redis !== "string") {
    startChild("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { logFile: log("redis") });
  }
  startChild(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/fake-openfda/cli.ts"], { env: { PORT: String(fakePort) }, logFile: log("fake-openfda") });
  const metricsToken = randomBytes(24).toString("base64url");
  const app = `http://127.0.0.1:${appPort}`;
  const appChild = startAppServer(
    appPort,
    {
      OPENFDA_BASE_URL: `http://127.0.0.1:${fakePort}`,
      REDIS_URL: redis ? redisUrl : "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      LOG_LEVEL: "warn",
      AUTH_SECRET: "load-secret-not-for-production-0123456789",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      METRICS_TOKEN: metricsToken,
      // High limits: the load user must never meet a 429 of ours.
      RATE_LIMIT_API_PER_MINUTE: "1000000",
      RATE_LIMIT_TOKEN_PER_HOUR: "1000",
      RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
      RATE_LIMIT_REPORTS_PER_HOUR: "100000",
      REPORT_QUOTA_PER_USER: "10000",
      // Heartbeats every 2 s: the stream user sees its hold time pass even when no alert arrives.
      ALERT_STREAM_HEARTBEAT_MS: "2000",
    },
    log("app"),
  );
  const died = new Promise((_, reject) => appChild.on("exit", (code) => reject(new Error(`the app exited (${code}) before answering; see ${log("app")}`))));
  await Promise.race([died, Promise.all([waitFor(`${app}/api/health`, 90_000), waitFor(`http://127.0.0.1:${fakePort}/__control/requests`)])]);
  return { app, appPid: appChild.pid, fakeOpenFda: `http://127.0.0.1:${fakePort}`, metricsToken, redisUrl, floorPort };
}

/** Serves `body` from Redis through bench/floor-server.mjs (node:http + one GET); returns its URL and a cleanup. */
export async function startFloor({ redisUrl, port, body, outDir }) {
  const key = `cer-load:floor:${process.pid}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  await redis.set(key, body, "EX", 24 * 3600);
  startChild(process.execPath, ["bench/floor-server.mjs", String(port), redisUrl, key], { logFile: path.join(outDir, "floor.log") });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`);
  return {
    url,
    cleanup: async () => {
      await redis.del(key);
      redis.disconnect();
    },
  };
}
