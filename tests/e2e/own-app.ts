// A spec's own production server (the standalone build) with its own env, in its own process group so a
// test can SIGKILL the whole server (Next's process and anything it forked) the way a crash would.
import type { ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../support/redis";
import { ADMIN } from "./auth";
import { spawnStandalone } from "../../scripts/lib/standalone.mjs";

const OPENFDA_PORT = Number(process.env.E2E_OPENFDA_PORT ?? 4010);

export type OwnApp = {
  origin: string;
  port: number;
  output: () => string;
  /** SIGKILL to the server's whole process group; resolves when the process is gone. */
  kill: () => Promise<void>;
  /** Sends `signal` to the server process alone; resolves with its exit code once it is gone. */
  stop: (signal: NodeJS.Signals) => Promise<number | null>;
};

/** The env of playwright.config.ts's servers (fake openFDA, fixed secret, first admin), plus `extra`. */
export function ownAppEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    OPENFDA_BASE_URL: `http://127.0.0.1:${OPENFDA_PORT}`,
    OPENFDA_TIMEOUT_MS: "2000",
    LOG_LEVEL: "warn",
    AUTH_SECRET: "e2e-own-app-secret-not-for-production-0123456789",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
    RATE_LIMIT_TOKEN_PER_HOUR: "1000",
    RATE_LIMIT_API_PER_MINUTE: "100000",
    RATE_LIMIT_REPORTS_PER_HOUR: "1000",
    JOBS_PROVIDER: "local",
    ...extra,
  };
  for (const name of ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "FAERS_DATA_DIR", "NEXTAUTH_SECRET"]) delete env[name];
  return env;
}

/** Starts the standalone server on `port` (a free one by default) and waits until /api/ready answers 200 (start-up done, store and jobs up). */
export async function startOwnApp(env: NodeJS.ProcessEnv, port?: number): Promise<OwnApp> {
  port ??= await freePort();
  const child: ChildProcess = spawnStandalone({
    port,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: kill(-pid) reaches everything it started
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    }
  };
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output.slice(-2000)}`);
    try {
      if ((await fetch(`${origin}/api/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`the server on ${port} never became ready:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    return child.exitCode;
  };
  return { origin, port, output: () => output, kill, stop };
}

/**
 * A Redis database on the shared server (127.0.0.1:6379 unless REDIS_URL says otherwise) that no one
 * else is using: the app has no key-prefix setting, so each spec gets a whole db index and flushes it after.
 */
export async function claimRedisDb(base = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"): Promise<{ url: string; db: number; release: () => Promise<void> }> {
  const root = base.replace(/\/\d*$/, "");
  const claim = `e2e-claim:${process.pid}:${Date.now()}`;
  for (let db = 15; db >= 1; db--) {
    const client = new Redis(`${root}/${db}`);
    try {
      // Empty, and ours: the claim key is set only if the db is still empty of claims.
      if ((await client.dbsize()) === 0 && (await client.set("e2e:claimed-by", claim, "NX")) === "OK") {
        return {
          url: `${root}/${db}`,
          db,
          async release() {
            await client.flushdb();
            client.disconnect();
          },
        };
      }
    } catch (error) {
      client.disconnect();
      throw error;
    }
    client.disconnect();
  }
  throw new Error("no empty Redis database to claim (1–15 all in use)");
}
