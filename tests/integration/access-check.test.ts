import { randomBytes } from "node:crypto";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as listTokens } from "@/app/api/account/tokens/route";
import { createAccessChecker } from "@/lib/cache/access-check";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { resetAccessCheckerForTests, resolveBearerCounted, type BearerAccessDeps } from "@/lib/auth/bearer-access";
import { createPersonalToken, revokePersonalToken } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { resetAuthSecretsForTests } from "@/lib/auth/secret";
import { sha256Hex, stateKeys } from "@/lib/auth/state-keys";
import { createUser, updateUser, type StoredUser } from "@/lib/auth/users";
import { resetBackendConnectionForTests, type BackendConnection } from "@/lib/cache/connection";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { hashIdentifier } from "@/lib/cache/ratelimit/identifier";
import { createRateLimiter, resetRateLimiterForTests } from "@/lib/cache/ratelimit";
import type { RateLimitPolicy } from "@/lib/cache/ratelimit/types";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import { resetEnvForTests } from "@/lib/env";
import { REDIS_URL, startPrivateRedis, testPrefix } from "@/tests/support/redis";
import { startUpstashBridge, type UpstashBridge } from "@/tests/support/upstash-bridge";
import { rejection } from "@/tests/support/rejection";

// The one-round-trip credential + rate-limit script (lib/cache/access-script.ts) against real Redis,
// directly and through the Upstash REST protocol, tested the way @upstash/ratelimit tests its limiter:
// exact limits, remaining and reset, window roll-over, a parallel burst; plus what it must not count,
// that it shares its counters with the library, and that revocation holds on the very next request.

const SECRET = "access-check-test-secret-0123456789abcdefghijkl";
const KEY_PREFIX = testPrefix("access").replace(/:$/, "");
const WINDOW_MS = 60_000;
const saved = { AUTH_SECRET: process.env.AUTH_SECRET, REDIS_URL: process.env.REDIS_URL };
const runId = `${process.pid}-${Date.now()}-${randomBytes(4).toString("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const policy = (limit: number, windowSeconds = WINDOW_MS / 1000): RateLimitPolicy => ({
  name: "api",
  limit,
  windowSeconds,
  onStoreFailure: "fail-open",
  what: "API requests",
});

function ioredisConnection(url: string): BackendConnection & { kind: "redis" } {
  const client = new Redis(url, { commandTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  client.on("error", () => undefined);
  return { kind: "redis", client, whenReady: async () => undefined };
}


let inspect: Redis;
let bridge: UpstashBridge;
const users: StoredUser[] = [];
const extraKeys: string[] = [];

async function newUser(role: Role = "analyst"): Promise<StoredUser> {
  const user = await createUser({ email: `access-${users.length}-${runId}@example.org`, password: null, role });
  users.push(user);
  return user;
}

async function newPat(user: StoredUser): Promise<string> {
  const { token, info } = await createPersonalToken({ userId: user.id, name: "it" });
  extraKeys.push(stateKeys.personalToken(sha256Hex(token)), stateKeys.personalTokenId(info.id), stateKeys.userPersonalTokens(user.id));
  return token;
}

/** The request count the store holds for a user's window (what @upstash/ratelimit's script keeps). */
async function storedCount(prefix: string, userId: string, at: number): Promise<number> {
  const key = `${prefix}:api:${hashIdentifier(`user:${userId}`)}:${Math.floor(at / WINDOW_MS)}`;
  return Number((await inspect.get(key)) ?? 0);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  resetAuthSecretsForTests();
  inspect = new Redis(REDIS_URL);
  const state = ioredisConnection(REDIS_URL);
  setStateStoreForTests(createRedisStateStore(state.client, state.whenReady));
  bridge = await startUpstashBridge({ redisUrl: REDIS_URL });
});

afterAll(async () => {
  const keys = [
    ...(await inspect.keys(`${KEY_PREFIX}:*`)),
    ...users.flatMap((u) => [stateKeys.user(u.id), stateKeys.userByEmail(u.email)]),
    ...extraKeys,
  ];
  for (const u of users) keys.push(...(await inspect.keys(`cer:v1:ratelimit:api:${hashIdentifier(`user:${u.id}`)}:*`)));
  if (keys.length > 0) await inspect.del(...keys);
  if (users.length > 0) await inspect.srem(stateKeys.users(), ...users.map((u) => u.id));
  inspect.disconnect();
  await bridge.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  resetAuthSecretsForTests();
  resetBackendConnectionForTests();
  resetAccessCheckerForTests();
  resetRateLimiterForTests();
  setStateStoreForTests(undefined);
});

const BACKENDS = {
  redis: () => ioredisConnection(REDIS_URL),
  upstash: (): BackendConnection => ({
    kind: "upstash",
    client: new UpstashRedis({ url: bridge.url, token: bridge.token, retry: false, automaticDeserialization: false, enableTelemetry: false }),
  }),
};

describe.each(Object.keys(BACKENDS) as (keyof typeof BACKENDS)[])("%s backend", (backend) => {
  let connection: BackendConnection;
  let prefix: string;
  beforeAll(() => {
    connection = BACKENDS[backend]();
    prefix = `${KEY_PREFIX}:${backend}`;
  });
  afterAll(() => {
    if (connection.kind === "redis") connection.client.disconnect();
  });
  const deps = (now: () => number = Date.now): BearerAccessDeps => ({ checker: createAccessChecker(connection), keyPrefix: prefix, now });

  test("allows exactly the limit, then denies; remaining counts down; reset is the window's end; the 429 as the library's", async () => {
    const user = await newUser();
    const start = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 1_000;
    // Issued at the injected clock, so the token is current at it.
    const { token } = await issueApiToken(user, start);
    const d = deps(() => start);
    const seen = [];
    for (let i = 0; i < 6; i++) {
      const { principal, decision } = await resolveBearerCounted(`Bearer ${token}`, "analytics:read", policy(5), d);
      expect(principal).toMatchObject({ userId: user.id, via: "api-token", role: "analyst" });
      seen.push(decision && { allowed: decision.allowed, remaining: decision.remaining, resetAt: decision.resetAt, retry: decision.retryAfterSeconds });
    }
    const resetAt = start - 1_000 + WINDOW_MS;
    // Retry-After for the denial: to the window's end, plus window/limit (lib/cache/ratelimit/types.ts).
    const retry = Math.ceil((resetAt + WINDOW_MS / 5 - start) / 1000);
    expect(seen).toEqual([
      { allowed: true, remaining: 4, resetAt, retry: 0 },
      { allowed: true, remaining: 3, resetAt, retry: 0 },
      { allowed: true, remaining: 2, resetAt, retry: 0 },
      { allowed: true, remaining: 1, resetAt, retry: 0 },
      { allowed: true, remaining: 0, resetAt, retry: 0 },
      { allowed: false, remaining: 0, resetAt, retry },
    ]);
    // A denied request is not counted (as @upstash/ratelimit's script).
    expect(await storedCount(prefix, user.id, start)).toBe(5);
  });

  test("window roll-over: the previous window weighs in linearly, then fades", async () => {
    const user = await newUser();
    const pat = await newPat(user);
    const w = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
    let now = w + 500;
    const d = deps(() => now);
    const allowedAt = async (at: number, tries: number) => {
      now = at;
      let allowed = 0;
      for (let i = 0; i < tries; i++) if ((await resolveBearerCounted(`Bearer ${pat}`, "analytics:read", policy(10), d)).decision?.allowed) allowed++;
      return allowed;
    };
    expect(await allowedAt(w + 500, 12)).toBe(10);
    // A quarter into the next window: 10 previous hits weigh floor(0.75 × 10) = 7, so 3 pass.
    expect(await allowedAt(w + WINDOW_MS + WINDOW_MS / 4, 12)).toBe(3);
    // Half into the one after: the previous window held 3 → floor(0.5 × 3) = 1, so 9 pass.
    expect(await allowedAt(w + 2 * WINDOW_MS + WINDOW_MS / 2, 12)).toBe(9);
    // Two windows on nothing is left.
    expect(await allowedAt(w + 5 * WINDOW_MS, 12)).toBe(10);
  });

  test("a burst of 30 parallel requests with limit 10 passes exactly 10", async () => {
    const user = await newUser();
    const now = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 2_000;
    const { token } = await issueApiToken(user, now);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => resolveBearerCounted(`Bearer ${token}`, "analytics:read", policy(10), deps(() => now))),
    );
    expect(results.filter((r) => r.decision?.allowed).length).toBe(10);
    expect(results.filter((r) => r.decision?.allowed === false).length).toBe(20);
    expect(await storedCount(prefix, user.id, now)).toBe(10);
  });

  test("shares one counter with @upstash/ratelimit (server actions, the fallback path)", async () => {
    const user = await newUser();
    const { token } = await issueApiToken(user);
    // Both run on the real clock here (the library reads Date.now()); stay clear of a window's end.
    const left = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (left < 5_000) await sleep(left + 50);
    const library = createRateLimiter(connection, { keyPrefix: prefix, timeoutMs: 1000 });
    const viaScript = async () => (await resolveBearerCounted(`Bearer ${token}`, "analytics:read", policy(6), deps())).decision;
    const viaLibrary = () => library.check(policy(6), `user:${user.id}`);
    expect((await viaScript())?.remaining).toBe(5);
    expect((await viaLibrary()).remaining).toBe(4);
    expect((await viaScript())?.remaining).toBe(3);
    expect((await viaLibrary()).remaining).toBe(2);
    expect((await viaScript())?.remaining).toBe(1);
    expect((await viaLibrary()).remaining).toBe(0);
    expect((await viaScript())?.allowed).toBe(false);
    expect((await viaLibrary()).allowed).toBe(false);
  });

  test("counts nothing for a caller that is refused: disabled, older token, revoked token, or a role without the permission", async () => {
    const now = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 3_000;
    const d = deps(() => now);

    const viewer = await newUser("viewer");
    const { token: viewerToken } = await issueApiToken(viewer, now);
    // A viewer on a reports:create route: resolved (the wrapper then answers 403), not counted.
    const refused = await resolveBearerCounted(`Bearer ${viewerToken}`, "reports:create", policy(5), d);
    expect(refused).toEqual({ principal: expect.objectContaining({ userId: viewer.id, role: "viewer" }), decision: null });
    expect(await storedCount(prefix, viewer.id, now)).toBe(0);

    const user = await newUser();
    const { token: old } = await issueApiToken(user, now);
    const pat = await newPat(user);
    expect((await resolveBearerCounted(`Bearer ${pat}`, "analytics:read", policy(5), d)).decision?.allowed).toBe(true);
    // A password change bumps the auth version: the older API token is refused, uncounted.
    await updateUser(user.id, { password: "a-new-password-123456" });
    expect((await rejection(resolveBearerCounted(`Bearer ${old}`, "analytics:read", policy(5), d))).code).toBe("unauthorized");
    await updateUser(user.id, { disabled: true });
    expect((await rejection(resolveBearerCounted(`Bearer ${pat}`, "analytics:read", policy(5), d))).code).toBe("unauthorized");
    expect(await storedCount(prefix, user.id, now)).toBe(1);

    const other = await newUser();
    const otherPat = await newPat(other);
    expect((await resolveBearerCounted(`Bearer ${otherPat}`, "analytics:read", policy(5), d)).decision?.allowed).toBe(true);
    await inspect.del(stateKeys.personalToken(sha256Hex(otherPat)));
    expect((await rejection(resolveBearerCounted(`Bearer ${otherPat}`, "analytics:read", policy(5), d))).code).toBe("unauthorized");
    expect(await storedCount(prefix, other.id, now)).toBe(1);
  });
});

describe("round trips (private redis-server)", () => {
  test("a known API or personal token costs one script call and nothing else; the first sight of a personal token one GET more", async () => {
    const redis = await startPrivateRedis();
    const connection = ioredisConnection(redis.url);
    // What the app's client sends: each command is one write and one reply.
    const sent: string[] = [];
    const send = connection.client.sendCommand.bind(connection.client);
    connection.client.sendCommand = (command, stream) => {
      sent.push(command.name);
      return send(command, stream);
    };
    try {
      // Records on the private server, written through the app's own state store.
      setStateStoreForTests(createRedisStateStore(connection.client, connection.whenReady));
      const user = await createUser({ email: `trips-${runId}@example.org`, password: null, role: "viewer" });
      const { token: jwt } = await issueApiToken(user);
      const { token: pat } = await createPersonalToken({ userId: user.id, name: "trips" });
      resetAccessCheckerForTests(); // forget personal-token owners learnt by earlier tests
      const d: BearerAccessDeps = { checker: createAccessChecker(connection), keyPrefix: KEY_PREFIX, now: Date.now };
      const commandsOf = async (run: () => Promise<unknown>) => {
        sent.length = 0;
        await run();
        return [...sent];
      };
      // The first call finds no script on the server and sends it once.
      expect(await commandsOf(() => resolveBearerCounted(`Bearer ${jwt}`, "analytics:read", policy(100), d))).toEqual(["evalsha", "eval"]);
      expect(await commandsOf(() => resolveBearerCounted(`Bearer ${jwt}`, "analytics:read", policy(100), d))).toEqual(["evalsha"]);
      expect(await commandsOf(() => resolveBearerCounted(`Bearer ${pat}`, "analytics:read", policy(100), d))).toEqual(["get", "evalsha"]);
      expect(await commandsOf(() => resolveBearerCounted(`Bearer ${pat}`, "analytics:read", policy(100), d))).toEqual(["evalsha"]);
    } finally {
      const state = ioredisConnection(REDIS_URL);
      setStateStoreForTests(createRedisStateStore(state.client, state.whenReady));
      connection.client.disconnect();
      await redis.stop();
    }
  });

  test("with the store down, the script is skipped and the separate path fails closed (503), never anonymous", async () => {
    const redis = await startPrivateRedis();
    const connection = ioredisConnection(redis.url);
    try {
      setStateStoreForTests(createRedisStateStore(connection.client, connection.whenReady));
      const user = await createUser({ email: `down-${runId}@example.org`, password: null, role: "analyst" });
      const { token } = await issueApiToken(user);
      const d: BearerAccessDeps = { checker: createAccessChecker(connection), keyPrefix: KEY_PREFIX, now: Date.now };
      expect((await resolveBearerCounted(`Bearer ${token}`, "analytics:read", policy(100), d)).decision?.allowed).toBe(true);
      await redis.stop();
      expect((await rejection(resolveBearerCounted(`Bearer ${token}`, "analytics:read", policy(100), d))).code).toBe("service_unavailable");
    } finally {
      const state = ioredisConnection(REDIS_URL);
      setStateStoreForTests(createRedisStateStore(state.client, state.whenReady));
      connection.client.disconnect();
    }
  });
});

describe("through a route, on the app's own Redis connection", () => {
  beforeAll(() => {
    process.env.REDIS_URL = REDIS_URL;
    resetEnvForTests();
    resetBackendConnectionForTests();
    resetAccessCheckerForTests();
    resetRateLimiterForTests();
    setStateStoreForTests(undefined);
  });

  const call = (token: string) =>
    listTokens(new Request("http://localhost/api/account/tokens", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

  test("a revoked personal token is refused on the very next request", async () => {
    const user = await newUser();
    const { token, info } = await createPersonalToken({ userId: user.id, name: "next" });
    extraKeys.push(stateKeys.personalToken(sha256Hex(token)), stateKeys.personalTokenId(info.id), stateKeys.userPersonalTokens(user.id));
    expect((await call(token)).status).toBe(200);
    expect((await call(token)).status).toBe(200);
    await revokePersonalToken(info);
    const refused = await call(token);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");
  });

  test("a disabled user's API token is refused on the very next request", async () => {
    const user = await newUser();
    const { token } = await issueApiToken(user);
    expect((await call(token)).status).toBe(200);
    expect((await call(token)).status).toBe(200);
    await updateUser(user.id, { disabled: true });
    expect((await call(token)).status).toBe(401);
  });

  test("the route answers 429 with Retry-After once the user's API limit is spent, across both token kinds", async () => {
    process.env.RATE_LIMIT_API_PER_MINUTE = "3";
    resetEnvForTests();
    try {
      const left = WINDOW_MS - (Date.now() % WINDOW_MS);
      if (left < 5_000) await sleep(left + 50);
      const user = await newUser();
      const { token: jwt } = await issueApiToken(user);
      const pat = await newPat(user);
      const statuses = [];
      for (const token of [jwt, pat, jwt, pat]) statuses.push((await call(token)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await call(jwt);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await limited.json()).error).toMatchObject({ code: "rate_limited", details: { limit: 3, windowSeconds: 60 } });
    } finally {
      delete process.env.RATE_LIMIT_API_PER_MINUTE;
      resetEnvForTests();
    }
  });
});
