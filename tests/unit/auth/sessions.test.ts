import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { authConfig } from "@/lib/auth/next-auth";
import { checkSession, endSession, startSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";

// S6 with a fake clock: 30 min idle, 12 h absolute, lastSeen written at most once a minute.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 2, 10, 8, 0, 0);
const SESSION_KEY = /^cer:v1:state:session:/;

/** A memory store on the test's clock, recording every write to a session key. */
function recordingStore(clock: () => number) {
  const inner = createMemoryStateStore(clock);
  const writes: { key: string; value: string; ttlSeconds?: number; at: number }[] = [];
  const store: StateStore = {
    ...inner,
    async set(key, value, options) {
      if (SESSION_KEY.test(key)) writes.push({ key, value, ttlSeconds: options?.ttlSeconds, at: clock() });
      return inner.set(key, value, options);
    },
  };
  return { store, inner, writes };
}

let now = T0;
let rec: ReturnType<typeof recordingStore>;

beforeEach(() => {
  now = T0;
  rec = recordingStore(() => now);
  setStateStoreForTests(rec.store);
});

afterEach(() => setStateStoreForTests(undefined));

async function check(sid: string, at: number) {
  now = at;
  return checkSession(sid, at);
}

async function storedRecord(sid: string) {
  const raw = await rec.inner.get(`cer:v1:state:session:${sid}`);
  return raw === null ? null : (JSON.parse(raw) as { userId: string; authVersion: number; createdAt: number; lastSeenAt: number });
}

describe("idle timeout (30 min)", () => {
  test("ok at 29 min idle", async () => {
    const sid = await startSession("u1", 1, T0);
    const result = await check(sid, T0 + 29 * MIN);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.record).toMatchObject({ userId: "u1", authVersion: 1, createdAt: T0 });
  });

  test("ok at 29 min 59.999 s idle, rejected at exactly 30 min idle, and gone afterwards", async () => {
    const a = await startSession("u1", 1, T0);
    expect((await check(a, T0 + 30 * MIN - 1)).ok).toBe(true);

    const b = await startSession("u1", 1, T0);
    expect(await check(b, T0 + 30 * MIN)).toEqual({ ok: false, reason: "idle" });
    // The record is deleted: going back in time does not bring it back.
    expect(await storedRecord(b)).toBeNull();
    expect((await check(b, T0 + MIN)).ok).toBe(false);
  });

  test("idle is measured from the last activity, not from sign-in", async () => {
    const sid = await startSession("u1", 1, T0);
    expect((await check(sid, T0 + 25 * MIN)).ok).toBe(true);
    expect((await check(sid, T0 + 54 * MIN)).ok).toBe(true); // 29 min after the last activity
    expect(await check(sid, T0 + 84 * MIN)).toEqual({ ok: false, reason: "idle" }); // 30 min after
  });
});

describe("absolute lifetime (12 h)", () => {
  test("activity every 20 min keeps it alive until 12 h, then it is rejected", async () => {
    const sid = await startSession("u1", 1, T0);
    for (let minute = 20; minute <= 700; minute += 20) {
      expect((await check(sid, T0 + minute * MIN)).ok, `at ${minute} min`).toBe(true);
    }
    expect((await check(sid, T0 + 719 * MIN)).ok).toBe(true);
    expect((await check(sid, T0 + 12 * HOUR - 1)).ok).toBe(true);
    expect((await check(sid, T0 + 12 * HOUR)).ok).toBe(false);
    expect((await check(sid, T0 + 12 * HOUR + 5 * MIN)).ok).toBe(false);
  });

  test("the 12 h limit is enforced by the check itself, not only by the store's TTL", async () => {
    // A store whose clock never moves never expires anything: only checkSession's own rule can reject.
    const frozen = createMemoryStateStore(() => T0);
    setStateStoreForTests(frozen);
    const sid = await startSession("u1", 1, T0);
    for (let minute = 20; minute < 720; minute += 20) expect((await checkSession(sid, T0 + minute * MIN)).ok).toBe(true);
    expect(await checkSession(sid, T0 + 12 * HOUR)).toEqual({ ok: false, reason: "expired" });
    expect(await frozen.get(`cer:v1:state:session:${sid}`)).toBeNull();
  });

  test("the store keeps the record no longer than the absolute limit", async () => {
    const sid = await startSession("u1", 1, T0);
    expect(rec.writes[0]?.ttlSeconds).toBe(12 * 3600);
    await check(sid, T0 + 10 * MIN);
    // The touch keeps the original deadline: 12 h minus the 10 min already used.
    expect(rec.writes[1]?.ttlSeconds).toBe(12 * 3600 - 600);
    now = T0 + 12 * HOUR;
    expect(await rec.inner.get(`cer:v1:state:session:${sid}`)).toBeNull();
  });
});

describe("sign-out", () => {
  test("endSession → rejected on the next check", async () => {
    const sid = await startSession("u1", 1, T0);
    expect((await check(sid, T0 + 5 * SEC)).ok).toBe(true);
    await endSession(sid);
    expect(await check(sid, T0 + 6 * SEC)).toEqual({ ok: false, reason: "missing" });
  });

  test("ending one session leaves the user's other sessions alone", async () => {
    const a = await startSession("u1", 1, T0);
    const b = await startSession("u1", 1, T0);
    expect(a).not.toBe(b);
    await endSession(a);
    expect((await check(a, T0 + SEC)).ok).toBe(false);
    expect((await check(b, T0 + SEC)).ok).toBe(true);
  });

  test("a sign-out racing with a request that refreshes lastSeen stays signed out", async () => {
    // The touch is a read-then-write; a request that read the record before the sign-out deleted it
    // must not write it back afterwards (the refresh is SET … XX).
    const sid = await startSession("u1", 1, T0);
    now = T0 + 2 * MIN; // > 60 s since lastSeen: this check will write
    const [inFlight] = await Promise.all([checkSession(sid, now), endSession(sid)]);
    // That request may or may not have been answered as signed in; either way nothing survives it.
    expect(typeof inFlight.ok).toBe("boolean");
    expect(await check(sid, T0 + 2 * MIN + SEC)).toEqual({ ok: false, reason: "missing" });
  });
});

describe("lastSeen writes (at most once per 60 s)", () => {
  test("no write before 60 s of idle; one write at 60 s", async () => {
    const sid = await startSession("u1", 1, T0);
    const initialWrites = rec.writes.length;
    for (const s of [1, 10, 30, 59]) expect((await check(sid, T0 + s * SEC)).ok).toBe(true);
    expect(rec.writes.length).toBe(initialWrites);
    expect((await storedRecord(sid))?.lastSeenAt).toBe(T0);

    expect((await check(sid, T0 + 60 * SEC)).ok).toBe(true);
    expect(rec.writes.length).toBe(initialWrites + 1);
    expect((await storedRecord(sid))?.lastSeenAt).toBe(T0 + 60 * SEC);
    expect((await storedRecord(sid))?.createdAt).toBe(T0);
  });

  test("a request every 5 s for 10 min writes lastSeen 10 times, not 120", async () => {
    const sid = await startSession("u1", 1, T0);
    const initialWrites = rec.writes.length;
    let checks = 0;
    for (let s = 5; s <= 600; s += 5) {
      expect((await check(sid, T0 + s * SEC)).ok).toBe(true);
      checks += 1;
    }
    expect(checks).toBe(120);
    const touches = rec.writes.slice(initialWrites);
    // Written at 60, 120, …, 600 s: each write at least 60 s after the previous one.
    expect(touches.map((w) => (w.at - T0) / SEC)).toEqual([60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    expect((await storedRecord(sid))?.lastSeenAt).toBe(T0 + 600 * SEC);
  });

  test("requests with irregular gaps never write twice within 60 s", async () => {
    const sid = await startSession("u1", 1, T0);
    const initialWrites = rec.writes.length;
    let t = T0;
    // deterministic pseudo-random gaps of 1–45 s over about 2 h
    let seed = 42;
    while (t < T0 + 2 * HOUR) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      t += (1 + (seed % 45)) * SEC;
      expect((await check(sid, t)).ok).toBe(true);
    }
    const at = rec.writes.slice(initialWrites).map((w) => w.at);
    expect(at.length).toBeGreaterThan(60); // it does keep writing over 2 h…
    expect(at.length).toBeLessThanOrEqual(120); // …but at most once a minute
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(60 * SEC);
  });
});

// Issue #9 (Info): /api/auth/session runs next-auth's jwt callback and re-issues the cookie with what it
// returns. For a session whose server-side record is gone it must return null, so next-auth clears the
// cookie instead of refreshing it.
describe("next-auth jwt callback on an existing cookie", () => {
  test("a live session keeps its token; an ended one gets null (cookie cleared, not re-issued)", async () => {
    setStateStoreForTests(createMemoryStateStore());
    try {
      const jwt = authConfig().callbacks?.jwt;
      if (!jwt) throw new Error("no jwt callback");
      const user = await createUser({ email: `jwt-${Date.now()}@example.org`, password: null, role: "viewer" });
      const sid = await startSession(user.id, user.authVersion);
      const token = { sub: user.id, sid };
      expect(await jwt({ token } as never)).toMatchObject(token);
      expect(await jwt({ token: { sub: "someone-else", sid } } as never)).toBeNull();
      await endSession(sid);
      expect(await jwt({ token } as never)).toBeNull();
      expect(await jwt({ token: { sub: user.id } } as never)).toBeNull();
    } finally {
      setStateStoreForTests(undefined);
    }
  });
});
