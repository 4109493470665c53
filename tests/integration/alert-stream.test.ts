import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { GET } from "@/app/api/alerts/stream/route";
import { setAlertHubForTests } from "@/lib/alerts/alert-hub";
import { publishAlertEvent } from "@/lib/alerts/alert-log";
import { clearAlertStreamCachesForTests, openAlertStreamCount } from "@/lib/alerts/alert-stream";
import { createWatchlistStore } from "@/lib/alerts/watchlist-store";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { createPersonalToken, findPersonalToken, revokePersonalToken } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { resetAuthSecretsForTests } from "@/lib/auth/secret";
import { createUser, updateUser, type StoredUser } from "@/lib/auth/users";
import { setEventLogForTests } from "@/lib/cache/get-event-log";
import { getStateStore, setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { resetEnvForTests } from "@/lib/env";
import type { AlertEvent } from "@/lib/schemas/alerts";
import { alertEvent } from "@/tests/support/alert-fixture";

// GET /api/alerts/stream in-process: the withApi handler called with Request objects, on the memory
// state store and alert log, with a 200 ms heartbeat.

const URL_ = "http://localhost:3000/api/alerts/stream";
const VARS = ["AUTH_SECRET", "ALERT_STREAM_HEARTBEAT_MS", "REDIS_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
const HEARTBEAT_MS = 200;
const ctx = { params: Promise.resolve({}) };
const open: AbortController[] = [];

beforeEach(() => {
  for (const v of VARS) delete process.env[v];
  process.env.AUTH_SECRET = "alert-stream-test-secret-0123456789abcdefghij";
  process.env.ALERT_STREAM_HEARTBEAT_MS = String(HEARTBEAT_MS);
  resetEnvForTests();
  resetAuthSecretsForTests();
  setStateStoreForTests(createMemoryStateStore());
  setEventLogForTests(createMemoryEventLog({ maxLength: 10_000 }));
  setAlertHubForTests(undefined);
  clearAlertStreamCachesForTests();
});

afterEach(async () => {
  for (const c of open.splice(0)) c.abort();
  await new Promise((r) => setTimeout(r, 20));
  setAlertHubForTests(undefined);
  setEventLogForTests(undefined);
  setStateStoreForTests(undefined);
});

afterAll(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  resetEnvForTests();
  resetAuthSecretsForTests();
});

let counter = 0;
async function newUser(role: Role): Promise<StoredUser> {
  counter += 1;
  return createUser({ email: `stream${counter}@example.org`, password: null, role });
}
async function bearerFor(user: StoredUser): Promise<string> {
  return `Bearer ${(await issueApiToken(user)).token}`;
}

type Frame = { id?: string; event?: string; data?: string; comment?: string; retry?: string };

/** An open stream: frames as they arrive, parsed; `abort` disconnects like a browser leaving. */
async function connect(headers: Record<string, string>, url = URL_) {
  const controller = new AbortController();
  open.push(controller);
  const response = await GET(new Request(url, { headers, signal: controller.signal }), ctx);
  const frames: Frame[] = [];
  let ended = false;
  let buffer = "";
  let wake: (() => void) | null = null;
  const reader = response.body?.getReader();
  const pump = async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const frame: Frame = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) frame.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(":");
              const field = line.slice(0, colon) as keyof Frame;
              const value = line.slice(colon + 1).replace(/^ /, "");
              frame[field] = field === "data" && frame.data !== undefined ? `${frame.data}\n${value}` : value;
            }
          }
          frames.push(frame);
          wake?.();
        }
      }
    } catch {
      // aborted
    }
    ended = true;
    wake?.();
  };
  return {
    response,
    frames,
    get ended() {
      return ended;
    },
    startReading: () => void pump(),
    events: () => frames.filter((f) => f.event === "alert"),
    abort: () => controller.abort(),
    /** Waits until `test` holds over the frames (or the stream ends), at most `ms`. */
    async until(check: () => boolean, ms = 3000) {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${frames.length} frames (ended: ${ended})`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 20);
        });
      }
    },
  };
}

const alertIds = (frames: Frame[]) => frames.map((f) => (JSON.parse(f.data ?? "{}") as AlertEvent).alertId);

describe("GET /api/alerts/stream", () => {
  test("401 with the one error body without credentials", async () => {
    const response = await GET(new Request(URL_), ctx);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("unauthorized");
  });

  test("opens with retry and a comment, then sends the alerts the caller may see", async () => {
    const owner = await newUser("analyst");
    const other = await newUser("analyst");
    const admin = await newUser("admin");
    const watchlists = createWatchlistStore(getStateStore());
    const now = new Date().toISOString();
    const shared = { id: "wl_shared0001", owner: owner.id, name: "shared", product: {}, watch: [], schedule: "daily" as const, sharing: { userIds: [other.id], allAnalysts: false }, createdAt: now, updatedAt: now, lastScan: null };
    await watchlists.create(shared);
    await watchlists.create({ ...shared, id: "wl_private001", sharing: { userIds: [], allAnalysts: false } });

    const asOwner = await connect({ authorization: await bearerFor(owner) });
    const asOther = await connect({ authorization: await bearerFor(other) });
    const asAdmin = await connect({ authorization: await bearerFor(admin) });
    for (const s of [asOwner, asOther, asAdmin]) {
      expect(s.response.status).toBe(200);
      expect(s.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(s.response.headers.get("cache-control")).toBe("private, no-cache, no-transform");
      expect(s.response.headers.get("x-accel-buffering")).toBe("no");
      s.startReading();
    }
    await asOwner.until(() => asOwner.frames.length > 0);
    expect(asOwner.frames[0]).toMatchObject({ retry: "3000", comment: "connected" });
    expect(openAlertStreamCount()).toBe(3);

    const onShared = alertEvent({ owner: owner.id, watchlistId: shared.id });
    const onPrivate = alertEvent({ owner: owner.id, watchlistId: "wl_private001" });
    const reportAlert = alertEvent({ owner: owner.id, watchlistId: null, kind: "report_ready" });
    const ids = [];
    for (const e of [onShared, onPrivate, reportAlert]) ids.push(await publishAlertEvent(e));

    await asOwner.until(() => asOwner.events().length === 3);
    await asAdmin.until(() => asAdmin.events().length === 3);
    await asOther.until(() => asOther.events().length === 1);
    expect(asOwner.events().map((f) => f.id)).toEqual(ids);
    expect(alertIds(asOwner.events())).toEqual([onShared.alertId, onPrivate.alertId, reportAlert.alertId]);
    expect(JSON.parse(asOwner.events()[0]?.data ?? "")).toEqual(onShared);
    await new Promise((r) => setTimeout(r, 100));
    expect(alertIds(asOther.events())).toEqual([onShared.alertId]);

    for (const s of [asOwner, asOther, asAdmin]) s.abort();
    await asOwner.until(() => openAlertStreamCount() === 0);
  });

  test("resumes after Last-Event-ID: two alerts published while away both arrive, none twice", async () => {
    const user = await newUser("analyst");
    const auth = await bearerFor(user);
    const first = await connect({ authorization: auth });
    first.startReading();
    await first.until(() => first.frames.length > 0);
    const a = alertEvent({ owner: user.id });
    await publishAlertEvent(a);
    await first.until(() => first.events().length === 1);
    const lastId = first.events()[0]?.id as string;
    first.abort();
    await first.until(() => first.ended);

    const b = alertEvent({ owner: user.id });
    const c = alertEvent({ owner: user.id });
    await publishAlertEvent(b);
    await publishAlertEvent(c);

    const again = await connect({ authorization: auth, "last-event-id": lastId });
    again.startReading();
    await again.until(() => again.events().length === 2);
    const d = alertEvent({ owner: user.id });
    await publishAlertEvent(d);
    await again.until(() => again.events().length === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(alertIds(again.events())).toEqual([b.alertId, c.alertId, d.alertId]);

    // The query parameter does the same, for EventSource polyfills without headers.
    const viaQuery = await connect({ authorization: auth }, `${URL_}?lastEventId=${encodeURIComponent(lastId)}`);
    viaQuery.startReading();
    await viaQuery.until(() => viaQuery.events().length === 3);
    expect(alertIds(viaQuery.events())).toEqual([b.alertId, c.alertId, d.alertId]);
  });

  test("without an id only new alerts come", async () => {
    const user = await newUser("analyst");
    await publishAlertEvent(alertEvent({ owner: user.id }));
    const s = await connect({ authorization: await bearerFor(user) });
    s.startReading();
    await s.until(() => s.frames.length > 0);
    const fresh = alertEvent({ owner: user.id });
    await publishAlertEvent(fresh);
    await s.until(() => s.events().length === 1);
    expect(alertIds(s.events())).toEqual([fresh.alertId]);
  });

  test("a client that stops reading is dropped and does not delay another's delivery", async () => {
    const user = await newUser("admin");
    const auth = await bearerFor(user);
    const stalled = await connect({ authorization: auth }); // never read
    const reading = await connect({ authorization: auth });
    reading.startReading();
    await reading.until(() => reading.frames.length > 0);
    const lags: number[] = [];
    // More than the hub's per-subscriber queue (500) plus what the response stream buffers.
    for (let i = 0; i < 600; i++) {
      const started = performance.now();
      await publishAlertEvent(alertEvent({ owner: user.id }));
      if (i % 50 === 0) {
        await reading.until(() => reading.events().length === i + 1);
        lags.push(performance.now() - started);
      }
    }
    await reading.until(() => reading.events().length === 600);
    expect(Math.max(...lags)).toBeLessThan(200);
    await reading.until(() => openAlertStreamCount() === 1);
    // The dropped one's body ends after what was already buffered.
    stalled.startReading();
    await stalled.until(() => stalled.ended);
    expect(stalled.events().length).toBeLessThan(600);
  });

  test("a revoked credential is cut off within one heartbeat", async () => {
    const user = await newUser("analyst");
    const { token, info } = await createPersonalToken({ userId: user.id, name: "stream" });
    const viaPat = await connect({ authorization: `Bearer ${token}` });
    const disabledUser = await newUser("analyst");
    const viaJwt = await connect({ authorization: await bearerFor(disabledUser) });
    for (const s of [viaPat, viaJwt]) s.startReading();
    await viaPat.until(() => viaPat.frames.some((f) => f.comment === "heartbeat"), 2000);
    const found = await findPersonalToken(token);
    expect(found?.id).toBe(info.id);
    if (found) await revokePersonalToken(found);
    await updateUser(disabledUser.id, { disabled: true });
    const revokedAt = Date.now();
    await viaPat.until(() => viaPat.ended, 3 * HEARTBEAT_MS);
    await viaJwt.until(() => viaJwt.ended, 3 * HEARTBEAT_MS);
    // One heartbeat period, plus the check itself.
    expect(Date.now() - revokedAt).toBeLessThan(2 * HEARTBEAT_MS);
    expect(openAlertStreamCount()).toBe(0);
  });
});
