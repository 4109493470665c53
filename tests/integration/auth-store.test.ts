import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import { resolvePrincipal } from "@/lib/auth/principal";
import { resetAuthSecretsForTests } from "@/lib/auth/secret";
import { startSession } from "@/lib/auth/sessions";
import { sha256Hex, stateKeys } from "@/lib/auth/state-keys";
import { createUser, findUserByEmail, getUser, normalizeEmail, type StoredUser } from "@/lib/auth/users";
import { resetBackendConnectionForTests } from "@/lib/cache/connection";
import { getStateStore, setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import { resetEnvForTests } from "@/lib/env";
import { REDIS_URL, startPrivateRedis } from "@/tests/support/redis";

// The auth core against real Redis: the email claim under a race, and failing closed in an outage.
// The state keys have a fixed prefix shared with other runs, so nothing is flushed: each run uses
// its own emails and deletes exactly the keys it created.

const SECRET = "auth-store-test-secret-0123456789abcdefghijklmn";
const COOKIE = "__Host-authjs.session-token";
const TIMEOUT_MS = 200;
const saved = { AUTH_SECRET: process.env.AUTH_SECRET, REDIS_URL: process.env.REDIS_URL };

function restoreEnv(name: keyof typeof saved): void {
  const value = saved[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  resetAuthSecretsForTests();
});

afterAll(() => {
  restoreEnv("AUTH_SECRET");
  restoreEnv("REDIS_URL");
  resetEnvForTests();
  resetAuthSecretsForTests();
  resetBackendConnectionForTests();
  setStateStoreForTests(undefined);
});

const runId = `${process.pid}-${Date.now()}-${randomBytes(4).toString("hex")}`;

function bearer(token: string): Request {
  return new Request("https://app.example/api/faers/trend", { headers: { authorization: `Bearer ${token}` } });
}

describe("on the shared Redis (127.0.0.1:6379)", () => {
  let client: Redis;
  const createdUsers: StoredUser[] = [];
  const extraKeys: string[] = [];

  beforeAll(async () => {
    // Same client settings as lib/cache/connection.ts.
    client = new Redis(REDIS_URL, {
      commandTimeout: TIMEOUT_MS,
      connectTimeout: 500,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    client.on("error", () => undefined);
    const whenReady = () =>
      client.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("Redis is not connected")), TIMEOUT_MS);
            client.once("ready", () => (clearTimeout(timer), resolve()));
          });
    for (let i = 0; i < 50 && client.status !== "ready"; i++) await new Promise((r) => setTimeout(r, 50));
    setStateStoreForTests(createRedisStateStore(client, whenReady));
  });

  afterAll(async () => {
    for (const user of createdUsers) {
      await client.srem(stateKeys.users(), user.id);
      await client.del(stateKeys.user(user.id), stateKeys.userByEmail(user.email), stateKeys.userPersonalTokens(user.id));
    }
    if (extraKeys.length > 0) await client.del(...extraKeys);
    setStateStoreForTests(undefined);
    client.disconnect();
  });

  test("20 concurrent creates of one email: exactly one wins, 19 conflicts, one record", async () => {
    const email = `race-${runId}@example.org`;
    // Different spellings of the same address, all normalizing to `email`.
    const spellings = [email, email.toUpperCase(), email.replace("race", "ＲＡＣＥ"), ` ${email} `];
    expect(new Set(spellings.map(normalizeEmail))).toEqual(new Set([email]));

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createUser({ email: spellings[i % spellings.length] ?? email, password: "race password 0123", role: "viewer" }),
      ),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<StoredUser> => r.status === "fulfilled").map((r) => r.value);
    for (const user of won) createdUsers.push(user);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe("conflict");
    }
    const winner = won[0] as StoredUser;

    // What Redis holds, read directly: one email claim naming the winner, one user record.
    expect(await client.get(stateKeys.userByEmail(email))).toBe(winner.id);
    expect(await client.sismember(stateKeys.users(), winner.id)).toBe(1);
    const raw = JSON.parse((await client.get(stateKeys.user(winner.id))) ?? "{}") as Record<string, unknown>;
    expect(raw).toMatchObject({ id: winner.id, email, role: "viewer", disabled: false });
    expect(String(raw.passwordHash)).toMatch(/^\$argon2id\$/);
    expect((await findUserByEmail(email.toUpperCase()))?.id).toBe(winner.id);
  });

  test("PAT, API JWT and session resolve through Redis; the session key carries the 12 h TTL", async () => {
    const user = await createUser({ email: `resolve-${runId}@example.org`, password: null, role: "analyst" });
    createdUsers.push(user);
    const { token: pat, info } = await createPersonalToken({ userId: user.id, name: "it" });
    extraKeys.push(stateKeys.personalToken(sha256Hex(pat)), stateKeys.personalTokenId(info.id));
    const { token: jwt } = await issueApiToken(user);
    const sid = await startSession(user.id, user.authVersion);
    extraKeys.push(stateKeys.session(sid));
    const cookie = await encode({ token: { sub: user.id, sid }, secret: SECRET, salt: COOKIE });

    expect(await resolvePrincipal(bearer(pat))).toMatchObject({ userId: user.id, role: "analyst", via: "pat" });
    expect(await resolvePrincipal(bearer(jwt))).toMatchObject({ userId: user.id, role: "analyst", via: "api-token" });
    const viaCookie = new Request("https://app.example/", { headers: { cookie: `${COOKIE}=${cookie}` } });
    expect(await resolvePrincipal(viaCookie)).toMatchObject({ userId: user.id, via: "session" });
    const ttl = await client.ttl(stateKeys.session(sid));
    expect(ttl).toBeGreaterThan(12 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(12 * 3600);
    expect(await getUser(user.id)).not.toBeNull();
  });
});

describe("store outage: fail closed, quickly", () => {
  /** Time a call that must fail with service_unavailable. */
  async function expectUnavailable(call: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    const error = await call().then(
      (value) => {
        throw new Error(`expected service_unavailable, got ${JSON.stringify(value)}`);
      },
      (e: unknown) => e,
    );
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("service_unavailable");
    expect((error as AppError).status).toBe(503);
    return ms;
  }

  test("Redis frozen (SIGSTOP), then killed: PAT, API JWT and session → 503 within 1 s, never anonymous", async () => {
    const redis = await startPrivateRedis();
    let stopped = false;
    try {
      // The production wiring: REDIS_URL → lib/cache/connection.ts → the Redis state store.
      process.env.REDIS_URL = redis.url;
      resetEnvForTests();
      resetBackendConnectionForTests();
      setStateStoreForTests(undefined);
      expect(getStateStore().kind).toBe("redis");

      const user = await createUser({ email: `outage-${runId}@example.org`, password: null, role: "viewer" });
      const { token: pat } = await createPersonalToken({ userId: user.id, name: "outage" });
      const { token: jwt } = await issueApiToken(user);
      const sid = await startSession(user.id, user.authVersion);
      const cookie = await encode({ token: { sub: user.id, sid }, secret: SECRET, salt: COOKIE });
      const viaCookie = () => resolvePrincipal(new Request("https://app.example/", { headers: { cookie: `${COOKIE}=${cookie}` } }));
      expect((await resolvePrincipal(bearer(pat))).kind).toBe("user");
      expect((await viaCookie()).kind).toBe("user");

      redis.process.kill("SIGSTOP");
      const frozen = {
        pat: await expectUnavailable(() => resolvePrincipal(bearer(pat))),
        jwt: await expectUnavailable(() => resolvePrincipal(bearer(jwt))),
        session: await expectUnavailable(viaCookie),
      };
      for (const [via, ms] of Object.entries(frozen)) expect(ms, `frozen, ${via}`).toBeLessThan(1000);

      // It recovers by itself once Redis runs again.
      redis.process.kill("SIGCONT");
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i++) {
        recovered = await resolvePrincipal(bearer(pat)).then((p) => p.kind === "user", () => false);
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered).toBe(true);

      stopped = true;
      await redis.stop(); // SIGKILL
      const killed = {
        pat: await expectUnavailable(() => resolvePrincipal(bearer(pat))),
        jwt: await expectUnavailable(() => resolvePrincipal(bearer(jwt))),
        session: await expectUnavailable(viaCookie),
      };
      for (const [via, ms] of Object.entries(killed)) expect(ms, `killed, ${via}`).toBeLessThan(1000);
      if (process.env.AUTH_TIMING_REPORT) console.log("outage → 503 (ms)", { frozen, killed });
    } finally {
      if (!stopped) await redis.stop();
      restoreEnv("REDIS_URL");
      resetEnvForTests();
      resetBackendConnectionForTests();
      setStateStoreForTests(undefined);
    }
  });
});
