// Readiness at boot with Redis: /api/health answers 200 only once the first admin exists, so a script
// that waits for health and then signs in never races the admin's creation. Each test runs its own
// `next start` against a private redis-server (flushing it touches no one else's keys).
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { healthResponseSchema } from "../../lib/schemas/faers-response";
import { freePort, startPrivateRedis } from "../support/redis";
import { ADMIN, issueToken, postCredentials, SESSION_COOKIE } from "./auth";
import { spawnStandalone } from "../../scripts/lib/standalone.mjs";

const SECRET = "e2e-boot-readiness-secret-0123456789abcdef";

type App = { origin: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

async function startApp(redisUrl: string): Promise<App> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "error",
    REDIS_URL: redisUrl,
    AUTH_SECRET: SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
    RATE_LIMIT_TOKEN_PER_HOUR: "1000",
  };
  delete env.UPSTASH_REDIS_REST_URL;
  delete env.UPSTASH_REDIS_REST_TOKEN;
  const child = spawnStandalone({ port, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return {
    origin: `http://localhost:${port}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
    },
  };
}

type HealthAnswer = { status: number; retryAfter: string | null; body: unknown };

/** Polls /api/health every 20 ms until `until` holds; returns every answer seen (refused connections skipped). */
async function pollHealth(origin: string, until: (a: HealthAnswer) => boolean, timeoutMs = 60_000): Promise<HealthAnswer[]> {
  const seen: HealthAnswer[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/api/health`);
      const answer = { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
      seen.push(answer);
      if (until(answer)) return seen;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`health never satisfied the condition; last answers ${JSON.stringify(seen.slice(-3))}`);
}

/** Every answer before the 200 is the "starting" 503, in the health shape, with Retry-After. */
function expectStartingThenOk(seen: HealthAnswer[]): void {
  const last = seen.at(-1);
  expect(last?.status).toBe(200);
  expect(healthResponseSchema.parse(last?.body)).toMatchObject({ status: "ok", cache: "redis", cacheReachable: true });
  for (const answer of seen.slice(0, -1)) {
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe("1");
    expect(healthResponseSchema.parse(answer.body).status).toBe("starting");
  }
}

/** A sign-in immediately after health 200: a session cookie from the credentials flow, and an API token. */
async function expectSignInSucceeds(origin: string): Promise<void> {
  const { response, cookies } = await postCredentials(ADMIN.email, ADMIN.password, origin);
  expect(cookies.get(SESSION_COOKIE), `credentials sign-in answered ${response.status}`).toBeTruthy();
  const token = await issueToken(ADMIN.email, ADMIN.password, origin);
  expect(token.status).toBe(200);
}

test.describe("boot readiness with Redis", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a sign-in right after health turns 200 succeeds: on an empty store, after restarts, and after the store is emptied", async () => {
    const redis = await startPrivateRedis();
    try {
      for (const round of ["empty store", "restart", "restart", "store flushed, restart"]) {
        if (round === "store flushed, restart") {
          const { Redis } = await import("ioredis");
          const client = new Redis(redis.url);
          await client.flushall(); // this redis-server is private to the test
          client.disconnect();
        }
        const app = await startApp(redis.url);
        try {
          const seen = await pollHealth(app.origin, (a) => a.status === 200);
          expectStartingThenOk(seen);
          await expectSignInSucceeds(app.origin);
        } catch (error) {
          throw new Error(`${round}: ${String(error)}\n${app.output().slice(-2000)}`);
        } finally {
          await app.stop();
        }
      }
    } finally {
      await redis.stop();
    }
  });

  test("before Redis is up the server says starting and refuses sign-ins with 503 + Retry-After; once Redis answers it is ready and a sign-in succeeds", async () => {
    const redisPort = await freePort();
    const app = await startApp(`redis://127.0.0.1:${redisPort}`);
    let redis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      const seen = await pollHealth(app.origin, () => true);
      expect(seen[0]?.status).toBe(503);
      expect(healthResponseSchema.parse(seen[0]?.body)).toMatchObject({ status: "starting", cache: "redis", cacheReachable: false });

      const token = await issueToken(ADMIN.email, ADMIN.password, app.origin);
      expect(token.status).toBe(503);
      expect(token.headers.get("retry-after")).toBe("1");
      expect(await token.json()).toMatchObject({ error: { code: "service_unavailable", message: expect.stringContaining("still starting") } });
      const { response, cookies } = await postCredentials(ADMIN.email, ADMIN.password, app.origin);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toMatchObject({ error: { code: "service_unavailable", message: expect.stringContaining("still starting") } });
      expect(cookies.has(SESSION_COOKIE)).toBe(false);

      redis = await startPrivateRedis(redisPort);
      expectStartingThenOk(await pollHealth(app.origin, (a) => a.status === 200));
      await expectSignInSucceeds(app.origin);
    } finally {
      await app.stop();
      await redis?.stop();
    }
  });
});
