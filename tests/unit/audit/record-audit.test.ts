import { SignJWT } from "jose";
import { afterEach, describe, expect, test, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { NOT_AN_EMAIL } from "@/lib/audit/build-audit-entry";
import { REDACTED } from "@/lib/audit/redact";
import { recordAudit } from "@/lib/audit/record-audit";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { logger } from "@/lib/observability/logger";
import { auditEntrySchema, type AuditEntryInput } from "@/lib/schemas/audit";

const KEY = "test:audit";
const signIn: AuditEntryInput = {
  action: "auth.sign_in",
  outcome: "success",
  actor: { userId: "user-1", email: "Ada@Example.org", via: "credentials" },
  source: { ip: "203.0.113.7", userAgent: "Mozilla/5.0" },
};

async function stored(store: StateStore): Promise<string[]> {
  return store.listRange(KEY, 0, -1);
}

afterEach(() => vi.restoreAllMocks());

describe("recordAudit", () => {
  test("appends one JSON line, with an id and time, and returns it as stored", async () => {
    const store = createMemoryStateStore();
    const now = new Date("2026-05-01T12:00:00.000Z");
    const entry = await recordAudit(signIn, { store, key: KEY, now: () => now });
    const lines = await stored(store);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toEqual(entry);
    expect(auditEntrySchema.parse(entry)).toEqual(entry);
    expect(entry).toMatchObject({ at: now.toISOString(), action: "auth.sign_in", outcome: "success" });
    expect(entry.actor.email).toBe("ada@example.org");
    const second = await recordAudit(signIn, { store, key: KEY, now: () => now });
    expect(second.id).not.toBe(entry.id);
    expect(await stored(store)).toHaveLength(2);
  });

  test("ids sort by time as strings", async () => {
    const store = createMemoryStateStore();
    const times = [1, 999, 1_000_000, 1_780_000_000_000].map((ms) => new Date(ms));
    const ids = [];
    for (const at of times) ids.push((await recordAudit(signIn, { store, key: KEY, now: () => at })).id);
    expect([...ids].sort()).toEqual(ids);
  });

  test("redacts secret-looking details, labels and ids; keeps the rest", async () => {
    const store = createMemoryStateStore();
    const jwt = await new SignJWT({ sub: "user-1" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("k".repeat(32)));
    const pat = `cer_pat_${"Zx9".repeat(12)}`;
    const entry = await recordAudit(
      {
        action: "token.created",
        outcome: "success",
        actor: { userId: "user-1", via: "session" },
        target: { type: "token", id: pat, label: jwt },
        source: {},
        details: {
          password: "hunter2-correct-horse",
          refreshToken: "opaque-value",
          Authorization: "Basic Zm9vOmJhcg==",
          note: `issued ${jwt}`,
          scope: "read:reports",
          expiresInDays: 30,
          admin: false,
          previous: null,
        },
      },
      { store, key: KEY },
    );
    expect(entry.details).toEqual({
      password: REDACTED,
      refreshToken: REDACTED,
      Authorization: REDACTED,
      note: REDACTED,
      scope: "read:reports",
      expiresInDays: 30,
      admin: false,
      previous: null,
    });
    expect(entry.target).toEqual({ type: "token", id: REDACTED, label: REDACTED });
    const raw = (await stored(store)).join("\n");
    for (const secret of [jwt, pat, "hunter2", "opaque-value", "Zm9vOmJhcg"]) expect(raw).not.toContain(secret);
  });

  test("strips CR/LF and control characters from every string", async () => {
    const store = createMemoryStateStore();
    const entry = await recordAudit(
      {
        action: "report.downloaded",
        outcome: "success",
        actor: { userId: "user-1\r\nuser-2", via: "session" },
        target: { type: "report", id: "rep-1\n", label: "Q1\r\n2026-01-01T00:00:00Z auth.sign_in success" },
        source: { ip: "198.51.100.1", userAgent: "curl/8\r\nX-Injected: 1" },
        details: { format: "pdf\u0000\u001b[2J" },
      },
      { store, key: KEY },
    );
    const raw = (await stored(store))[0] ?? "";
    expect(raw).not.toMatch(/\\r|\\n|\\u0000|\\u001b/);
    expect(entry.actor.userId).toBe("user-1  user-2");
    expect(entry.target?.id).toBe("rep-1");
    expect(entry.target?.label).toBe("Q1  2026-01-01T00:00:00Z auth.sign_in success");
    expect(entry.source.userAgent).toBe("curl/8  X-Injected: 1");
    expect(entry.details?.format).toBe("pdf  [2J");
  });

  test("cuts an over-long user agent to 200 characters instead of failing the write", async () => {
    const entry = await recordAudit({ ...signIn, source: { userAgent: "A".repeat(100_000) } }, { store: createMemoryStateStore(), key: KEY });
    expect(entry.source.userAgent).toHaveLength(200);
  });

  test.each(["correct horse battery staple", "not-an-email", `cer_pat_${"x".repeat(30)}@example.org`])(
    "an actor email that is not one (%s) is not stored",
    async (email) => {
      const entry = await recordAudit({ ...signIn, outcome: "failure", actor: { email } }, { store: createMemoryStateStore(), key: KEY });
      expect(entry.actor.email).toBe(NOT_AN_EMAIL);
    },
  );

  test.each([
    ["an unknown action", { ...signIn, action: "auth.sign_up" }],
    ["an unknown outcome", { ...signIn, outcome: "ok" }],
    ["an unknown key", { ...signIn, extra: 1 }],
    ["a detail value that is an object", { ...signIn, details: { nested: { a: 1 } } }],
    ["a detail key that is free text", { ...signIn, details: { "two words": 1 } }],
    ["too many details", { ...signIn, details: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
    ["a non-finite number", { ...signIn, details: { n: Number.POSITIVE_INFINITY } }],
    ["a target id that is blank once cleaned", { ...signIn, target: { type: "user", id: "\r\n" } }],
  ])("refuses %s and stores nothing", async (_label, input) => {
    const store = createMemoryStateStore();
    const attempt = recordAudit(input as AuditEntryInput, { store, key: KEY });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "internal_error" });
    expect(await store.listLength(KEY)).toBe(0);
  });

  test("logs one info line per entry, with hashed ids and no email, IP or user agent", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const entry = await recordAudit(signIn, { store: createMemoryStateStore(), key: KEY });
    expect(info).toHaveBeenCalledTimes(1);
    const [event, fields] = info.mock.calls[0] ?? [];
    expect(event).toBe("audit.recorded");
    const line = JSON.stringify(fields);
    for (const personal of ["ada@example.org", "Ada@Example.org", "203.0.113.7", "Mozilla", "user-1"]) expect(line).not.toContain(personal);
    expect(fields).toMatchObject({ auditId: entry.id, action: "auth.sign_in", outcome: "success", actorHash: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  test("a store that is down makes the write throw, and says so in the log", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const down: StateStore = {
      ...createMemoryStateStore(),
      appendToList: () => Promise.reject(new AppError({ code: "service_unavailable", message: "down" })),
    };
    await expect(recordAudit(signIn, { store: down, key: KEY })).rejects.toMatchObject({ code: "service_unavailable" });
    expect(error).toHaveBeenCalledWith("audit.write_failed", expect.objectContaining({ action: "auth.sign_in" }));
    expect(info).not.toHaveBeenCalled();
  });
});
