// Readiness at boot with Redis: /api/ready answers 200 only once the first admin exists (and the store
// and the job loop are up), so a script that waits for it and then signs in never races the admin's
// creation; /api/health is liveness and answers 200 throughout, "starting" until then. Each test runs its
// own standalone server against a private redis-server (flushing or stopping it touches no one else's keys).
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { healthResponseSchema } from "../../lib/schemas/faers-response";
import { readyResponseSchema } from "../../lib/schemas/operations";
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

type Answer = { status: number; retryAfter: string | null; body: unknown };

/** Polls `path` every 20 ms until `until` holds; returns every answer seen (refused connections skipped). */
async function poll(origin: string, path: string, until: (a: Answer) => boolean, timeoutMs = 60_000): Promise<Answer[]> {
  const seen: Answer[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}${path}`);
      const answer = { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
      seen.push(answer);
      if (until(answer)) return seen;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never satisfied the condition; last answers ${JSON.stringify(seen.slice(-3))}`);
}

/** Every /api/ready answer before the 200 is a 503 "not_ready" naming a failing required check, with Retry-After; the last is ready. */
function expectNotReadyThenReady(seen: Answer[]): void {
  const last = seen.at(-1);
  expect(last?.status).toBe(200);
  const ready = readyResponseSchema.parse(last?.body);
  expect(ready.status).toBe("ready");
  for (const check of [ready.checks.startup, ready.checks.store, ready.checks.jobs]) expect(check).toMatchObject({ ok: true, required: true });
  expect(ready.checks.store.detail).toBe("redis store answered PING");
  expect(ready.checks.openfda.required).toBe(false);
  for (const answer of seen.slice(0, -1)) {
    expect(answer.status).toBe(503);
    const body = readyResponseSchema.parse(answer.body);
    expect(body.status).toBe("not_ready");
    const failing = Object.entries(body.checks).filter(([, check]) => check.required && !check.ok);
    expect(failing.length, JSON.stringify(body)).toBeGreaterThan(0);
    // A second while start-up runs, longer once it is done and a dependency is what is missing.
    expect(answer.retryAfter, JSON.stringify(body)).toBe(body.checks.startup.ok ? "5" : "1");
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

  test("a sign-in right after /api/ready turns 200 succeeds: on an empty store, after restarts, and after the store is emptied", async () => {
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
          expectNotReadyThenReady(await poll(app.origin, "/api/ready", (a) => a.status === 200));
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

  test("before Redis is up: /api/health is 200 \"starting\", /api/ready is 503 naming startup and the store, sign-ins get 503 + Retry-After; once Redis answers it is ready and a sign-in succeeds", async () => {
    const redisPort = await freePort();
    const app = await startApp(`redis://127.0.0.1:${redisPort}`);
    let redis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      const [health] = await poll(app.origin, "/api/health", () => true);
      expect(health?.status).toBe(200);
      expect(healthResponseSchema.parse(health?.body)).toMatchObject({ status: "starting", cache: "redis", cacheReachable: false });
      const [ready] = await poll(app.origin, "/api/ready", () => true);
      expect(ready?.status).toBe(503);
      expect(ready?.retryAfter).toBe("1");
      const notReady = readyResponseSchema.parse(ready?.body);
      expect(notReady).toMatchObject({ status: "not_ready", checks: { startup: { ok: false, required: true }, store: { ok: false, required: true } } });
      expect(notReady.checks.store.detail).toContain("redis store did not answer PING");

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
      expectNotReadyThenReady(await poll(app.origin, "/api/ready", (a) => a.status === 200));
      await expectSignInSucceeds(app.origin);
    } finally {
      await app.stop();
      await redis?.stop();
    }
  });

  test("once ready, losing Redis makes /api/ready 503 (the store check fails) while /api/health stays 200; Redis back, ready again", async () => {
    const redisPort = await freePort();
    let redis = await startPrivateRedis(redisPort);
    const app = await startApp(redis.url);
    try {
      await poll(app.origin, "/api/ready", (a) => a.status === 200);
      await redis.stop();
      const seen = await poll(app.origin, "/api/ready", (a) => a.status === 503);
      const down = readyResponseSchema.parse(seen.at(-1)?.body);
      expect(seen.at(-1)?.retryAfter).toBe("5");
      expect(down.checks.startup.ok).toBe(true);
      expect(down.checks.store).toMatchObject({ ok: false, required: true });
      const health = await fetch(`${app.origin}/api/health`);
      expect(health.status).toBe(200);
      expect(healthResponseSchema.parse(await health.json())).toMatchObject({ status: "degraded", cacheReachable: false });

      redis = await startPrivateRedis(redisPort);
      expect(readyResponseSchema.parse((await poll(app.origin, "/api/ready", (a) => a.status === 200)).at(-1)?.body).status).toBe("ready");
    } catch (error) {
      throw new Error(`${String(error)}\n${app.output().slice(-2000)}`);
    } finally {
      await app.stop();
      await redis.stop();
    }
  });
});
