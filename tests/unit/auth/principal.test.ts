import { SignJWT } from "jose";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { createPersonalToken, findPersonalToken, revokePersonalToken } from "@/lib/auth/personal-tokens";
import { resolvePrincipal, type Principal } from "@/lib/auth/principal";
import type { Role } from "@/lib/auth/roles";
import { resetAuthSecretsForTests } from "@/lib/auth/secret";
import { endSession, startSession } from "@/lib/auth/sessions";
import { createUser, deleteUser, getUser, updateUser, type StoredUser } from "@/lib/auth/users";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { resetEnvForTests } from "@/lib/env";
import { headersOf } from "@/lib/api/respond";

/** The current record after a change (updateUser re-reads by id under the users lock). */
async function update(user: { id: string }, change: Parameters<typeof updateUser>[1]) {
  const result = await updateUser(user.id, change);
  if (result === null) throw new Error("user vanished");
  return result.after;
}

// Who is calling: session cookie, API JWT or personal access token, and when each stops working.

const SECRET = "principal-test-secret-0123456789abcdefghijklmnop";
const COOKIE = "__Host-authjs.session-token";
const URL_ = "https://app.example/api/faers/trend";
const savedSecret = process.env.AUTH_SECRET;

/** The store's clock; tokens and sessions below are created "now" unless a test moves it. */
let storeClock = Date.now();

beforeEach(() => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  resetAuthSecretsForTests();
  storeClock = Date.now();
  setStateStoreForTests(createMemoryStateStore(() => storeClock));
});

afterEach(() => setStateStoreForTests(undefined));

afterAll(() => {
  if (savedSecret === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = savedSecret;
  resetEnvForTests();
  resetAuthSecretsForTests();
});

let counter = 0;
async function newUser(role: Role): Promise<StoredUser> {
  counter += 1;
  return createUser({ email: `user${counter}@example.org`, password: null, role });
}

function request(headers: Record<string, string>): Request {
  return new Request(URL_, { headers });
}

async function sessionCookieFor(user: StoredUser, secret = SECRET): Promise<{ sid: string; value: string }> {
  const sid = await startSession(user.id, user.authVersion);
  const value = await encode({ token: { sub: user.id, sid }, secret, salt: COOKIE });
  return { sid, value };
}

type Credentials = { pat: string; patId: string; jwt: string; jti: string; cookie: string; sid: string };

async function credentialsFor(user: StoredUser): Promise<Credentials> {
  const { token: pat, info } = await createPersonalToken({ userId: user.id, name: "script" });
  const { token: jwt } = await issueApiToken(user);
  const jti = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")).jti as string;
  const { sid, value } = await sessionCookieFor(user);
  return { pat, patId: info.id, jwt, jti, cookie: value, sid };
}

const viaPat = (c: Credentials) => resolvePrincipal(request({ authorization: `Bearer ${c.pat}` }));
const viaJwt = (c: Credentials) => resolvePrincipal(request({ authorization: `Bearer ${c.jwt}` }));
const viaCookie = (c: Credentials) => resolvePrincipal(request({ cookie: `theme=dark; ${COOKIE}=${c.cookie}; other=1` }));

async function expectUnauthorized(promise: Promise<Principal>): Promise<AppError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a 401, got a principal: ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const apiError = error as AppError;
  expect(apiError.code).toBe("unauthorized");
  expect(apiError.status).toBe(401);
  expect(headersOf(apiError)["www-authenticate"]).toMatch(/^Bearer /);
  return apiError;
}

async function expectAllRejected(c: Credentials): Promise<void> {
  await expectUnauthorized(viaPat(c));
  await expectUnauthorized(viaJwt(c));
  expect(await viaCookie(c)).toEqual({ kind: "anonymous" });
}

describe("each credential names its user", () => {
  test("PAT, API JWT and session cookie each yield the right user, role and via", async () => {
    const analyst = await newUser("analyst");
    const other = await newUser("admin");
    await credentialsFor(other); // another user's credentials exist too
    const c = await credentialsFor(analyst);
    const base = { kind: "user", userId: analyst.id, email: analyst.email, role: "analyst" };
    expect(await viaPat(c)).toEqual({ ...base, via: "pat", credentialId: c.patId });
    expect(await viaJwt(c)).toEqual({ ...base, via: "api-token", credentialId: c.jti });
    expect(await viaCookie(c)).toEqual({ ...base, via: "session", credentialId: c.sid });
  });

  test('secret rotation: a cookie and an API JWT made under the old secret work with AUTH_SECRET="new,old", not after "old" is dropped', async () => {
    const user = await newUser("viewer");
    const c = await credentialsFor(user); // made under SECRET
    const NEW = "rotated-secret-abcdefghijklmnopqrstuvwxyz0123456789";
    process.env.AUTH_SECRET = `${NEW},${SECRET}`;
    resetEnvForTests();
    resetAuthSecretsForTests();
    expect(await viaCookie(c)).toMatchObject({ kind: "user", userId: user.id });
    expect(await viaJwt(c)).toMatchObject({ kind: "user", userId: user.id });
    process.env.AUTH_SECRET = NEW;
    resetEnvForTests();
    resetAuthSecretsForTests();
    expect(await viaCookie(c)).toEqual({ kind: "anonymous" });
    await expectUnauthorized(viaJwt(c));
    expect((await viaPat(c)).kind).toBe("user"); // PATs do not depend on the secret
  });

  test("no credential at all is anonymous", async () => {
    expect(await resolvePrincipal(request({}))).toEqual({ kind: "anonymous" });
    expect(await resolvePrincipal(request({ cookie: "theme=dark" }))).toEqual({ kind: "anonymous" });
  });

  test("a session cookie sealed with another secret, tampered, or naming another user is anonymous", async () => {
    const user = await newUser("viewer");
    const victim = await newUser("admin");
    const { value: foreign } = await sessionCookieFor(user, "another-secret-0123456789abcdefghijklmnopq");
    expect(await resolvePrincipal(request({ cookie: `${COOKIE}=${foreign}` }))).toEqual({ kind: "anonymous" });

    const { value } = await sessionCookieFor(user);
    const tampered = `${value.slice(0, -4)}${value.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await resolvePrincipal(request({ cookie: `${COOKIE}=${tampered}` }))).toEqual({ kind: "anonymous" });

    // A valid cookie whose sid belongs to the viewer but whose sub says "admin".
    const viewerSid = await startSession(user.id, user.authVersion);
    const mixed = await encode({ token: { sub: victim.id, sid: viewerSid }, secret: SECRET, salt: COOKIE });
    expect(await resolvePrincipal(request({ cookie: `${COOKIE}=${mixed}` }))).toEqual({ kind: "anonymous" });
    // A cookie for a session id that was never started.
    const ghost = await encode({ token: { sub: user.id, sid: "never-started" }, secret: SECRET, salt: COOKIE });
    expect(await resolvePrincipal(request({ cookie: `${COOKIE}=${ghost}` }))).toEqual({ kind: "anonymous" });
  });
});

describe("the Authorization header", () => {
  test("the session cookie value sent as a bearer token is a 401, not a principal", async () => {
    const user = await newUser("admin");
    const { value } = await sessionCookieFor(user);
    // The cookie itself works...
    expect((await resolvePrincipal(request({ cookie: `${COOKIE}=${value}` }))).kind).toBe("user");
    // ...but not as a bearer token, with or without the cookie alongside.
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${value}` })));
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${value}`, cookie: `${COOKIE}=${value}` })));
  });

  test("an invalid bearer is a 401 even when a valid session cookie is sent too (no fallback)", async () => {
    const user = await newUser("viewer");
    const { value } = await sessionCookieFor(user);
    await expectUnauthorized(resolvePrincipal(request({ authorization: "Bearer nope", cookie: `${COOKIE}=${value}` })));
  });

  test.each([
    ["Basic", "Basic dXNlcjpwYXNzd29yZA=="],
    ["Bearer alone", "Bearer"],
    ["Bearer and a space (trimmed to Bearer)", "Bearer "],
    ["two spaces", "Bearer  cer_pat_abc"],
    ["two tokens", "Bearer abc def"],
    ["a comma list", "Bearer abc, Bearer def"],
    ["a token with a quote", 'Bearer "abc"'],
    ["Digest", 'Digest username="a"'],
    ["empty", ""],
    ["10 kB value", `Bearer ${"a".repeat(10 * 1024)}`],
    ["10 kB PAT-looking value", `Bearer cer_pat_${"A".repeat(10 * 1024)}`],
    ["an unknown PAT", "Bearer cer_pat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a JWT-shaped string", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."],
  ])("%s → 401", async (_name, header) => {
    await expectUnauthorized(resolvePrincipal(request({ authorization: header })));
  });

  test("a valid PAT inside a malformed header is still a 401", async () => {
    const user = await newUser("viewer");
    const c = await credentialsFor(user);
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Basic ${c.pat}` })));
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer  ${c.pat}` })));
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${c.pat} ${c.pat}` })));
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${c.pat}x` })));
    // control
    expect((await viaPat(c)).kind).toBe("user");
  });

  test("an API JWT whose user does not exist is a 401", async () => {
    const { token } = await issueApiToken({ id: "no-such-user", authVersion: 1 });
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${token}` })));
  });

  test("an API JWT with a valid signature but a stale authVersion is a 401", async () => {
    const user = await newUser("viewer");
    const { token } = await issueApiToken({ id: user.id, authVersion: user.authVersion + 1 });
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${token}` })));
  });

  test("a JWT signed with the raw secret is a 401", async () => {
    const user = await newUser("admin");
    const iat = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ ver: user.authVersion })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("cer-analytics")
      .setAudience("cer-analytics-api")
      .setSubject(user.id)
      .setJti("x")
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + 600)
      .sign(new TextEncoder().encode(SECRET));
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${forged}` })));
  });
});

describe("revocation takes effect on the next call", () => {
  test("a revoked PAT is a 401; the user's other credentials still work", async () => {
    const user = await newUser("analyst");
    const c = await credentialsFor(user);
    const info = await findPersonalToken(c.pat);
    expect(info).not.toBeNull();
    if (info) await revokePersonalToken(info);
    await expectUnauthorized(viaPat(c));
    expect((await viaJwt(c)).kind).toBe("user");
    expect((await viaCookie(c)).kind).toBe("user");
  });

  test("a PAT past its expiresAt is a 401 (record still in the store)", async () => {
    const user = await newUser("viewer");
    // Created two days ago with a one-day lifetime: expiresAt is a day in the past, while the store
    // (whose clock is "now") still holds the record for another day.
    const createdAt = Date.now() - 2 * 86_400_000;
    const { token, info } = await createPersonalToken({ userId: user.id, name: "old", expiresInDays: 1, now: createdAt });
    expect(Date.parse(info.expiresAt ?? "")).toBe(createdAt + 86_400_000);
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${token}` })));
  });

  test("findPersonalToken: valid until expiresAt, not from expiresAt on", async () => {
    const user = await newUser("viewer");
    const t0 = Date.now();
    const { token } = await createPersonalToken({ userId: user.id, name: "week", expiresInDays: 7, now: t0 });
    const expires = t0 + 7 * 86_400_000;
    expect(await findPersonalToken(token, expires - 1)).not.toBeNull();
    expect(await findPersonalToken(token, expires)).toBeNull();
  });

  test("a PAT whose store TTL ran out is a 401", async () => {
    const user = await newUser("viewer");
    const { token } = await createPersonalToken({ userId: user.id, name: "day", expiresInDays: 1 });
    expect((await resolvePrincipal(request({ authorization: `Bearer ${token}` }))).kind).toBe("user");
    storeClock += 86_400_000 + 1000;
    await expectUnauthorized(resolvePrincipal(request({ authorization: `Bearer ${token}` })));
  });

  test("a PAT without expiry survives a year of store time", async () => {
    const user = await newUser("viewer");
    const { token, info } = await createPersonalToken({ userId: user.id, name: "forever" });
    expect(info.expiresAt).toBeNull();
    storeClock += 365 * 86_400_000;
    expect((await resolvePrincipal(request({ authorization: `Bearer ${token}` }))).kind).toBe("user");
  });

  test("disabling the user rejects PAT, API JWT and session on the next call", async () => {
    const user = await newUser("analyst");
    const c = await credentialsFor(user);
    expect((await viaPat(c)).kind).toBe("user");
    expect((await viaJwt(c)).kind).toBe("user");
    expect((await viaCookie(c)).kind).toBe("user");
    await update(user, { disabled: true });
    await expectAllRejected(c);
  });

  test("re-enabling a disabled user does not revive its old sessions or API JWTs", async () => {
    const user = await newUser("analyst");
    const c = await credentialsFor(user);
    const disabled = await update(user, { disabled: true });
    await update(disabled, { disabled: false });
    await expectUnauthorized(viaJwt(c));
    expect(await viaCookie(c)).toEqual({ kind: "anonymous" });
  });

  test("a role change is visible on the very next resolve, through every credential", async () => {
    await newUser("admin"); // another admin, so this one may be demoted again
    const user = await newUser("viewer");
    const c = await credentialsFor(user);
    for (const via of [viaPat, viaJwt, viaCookie]) expect(await via(c)).toMatchObject({ kind: "user", role: "viewer" });
    const promoted = await update(user, { role: "admin" });
    for (const via of [viaPat, viaJwt, viaCookie]) expect(await via(c)).toMatchObject({ kind: "user", role: "admin" });
    await update(promoted, { role: "analyst" });
    for (const via of [viaPat, viaJwt, viaCookie]) expect(await via(c)).toMatchObject({ kind: "user", role: "analyst" });
  });

  test("a password change voids existing sessions and API JWTs; new ones work", async () => {
    const user = await newUser("analyst");
    const c = await credentialsFor(user);
    const changed = await update(user, { password: "a brand new passphrase" });
    expect(changed.authVersion).toBe(user.authVersion + 1);
    await expectUnauthorized(viaJwt(c));
    expect(await viaCookie(c)).toEqual({ kind: "anonymous" });

    const fresh = await credentialsFor(changed);
    expect(await viaJwt(fresh)).toMatchObject({ kind: "user", userId: user.id });
    expect(await viaCookie(fresh)).toMatchObject({ kind: "user", userId: user.id });
  });

  test("signing out (endSession) makes the cookie anonymous", async () => {
    const user = await newUser("viewer");
    const c = await credentialsFor(user);
    await endSession(c.sid);
    expect(await viaCookie(c)).toEqual({ kind: "anonymous" });
  });

  test("a deleted user is rejected through every credential", async () => {
    const user = await newUser("analyst");
    const c = await credentialsFor(user);
    await deleteUser(user.id);
    expect(await getUser(user.id)).toBeNull();
    await expectAllRejected(c);
  });

  test("a new account with a deleted user's email does not inherit the old credentials", async () => {
    const user = await newUser("admin");
    await newUser("admin"); // so the first one may be deleted
    const c = await credentialsFor(user);
    await deleteUser(user.id);
    const again = await createUser({ email: user.email, password: null, role: "viewer" });
    expect(again.id).not.toBe(user.id);
    await expectAllRejected(c);
  });
});
