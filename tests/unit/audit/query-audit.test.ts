import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { queryAudit, type AuditFilter, type QueryAuditOptions } from "@/lib/audit/query-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { AUDIT_ACTIONS, type AuditEntry, type AuditEntryInput } from "@/lib/schemas/audit";

const KEY = "test:audit";
const START = Date.parse("2026-01-01T00:00:00.000Z");
const MINUTE = 60_000;

/** Entry i: one minute after entry i-1, actions and outcomes in rotation, actor user-(i % 5). */
function inputFor(i: number): AuditEntryInput {
  return {
    action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? "auth.sign_in",
    outcome: i % 3 === 0 ? "failure" : "success",
    actor: { userId: `user-${i % 5}`, email: `user${i % 5}@example.org`, via: "session" },
    target: { type: "report", id: `report-${i % 7}` },
    source: { ip: "unknown" },
    details: { seq: i },
  };
}

async function seed(count: number, store: StateStore = createMemoryStateStore()): Promise<StateStore> {
  for (let i = 0; i < count; i++) await recordAudit(inputFor(i), { store, key: KEY, now: () => new Date(START + i * MINUTE) });
  return store;
}

const seqOf = (entry: AuditEntry) => entry.details?.seq as number;

/** Every page of a query, following nextCursor to the end. */
async function allPages(filter: AuditFilter, options: QueryAuditOptions) {
  const pages: AuditEntry[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1_000; guard++) {
    const { entries, nextCursor } = await queryAudit({ ...filter, cursor }, options);
    pages.push(entries);
    if (nextCursor === null) return pages;
    cursor = nextCursor;
  }
  throw new Error("paging did not end");
}

describe("queryAudit", () => {
  test("an empty log reads as no entries and no cursor", async () => {
    expect(await queryAudit({}, { store: createMemoryStateStore(), key: KEY })).toEqual({ entries: [], nextCursor: null });
  });

  test("newest first, 50 by default", async () => {
    const store = await seed(60);
    const { entries, nextCursor } = await queryAudit({}, { store, key: KEY });
    expect(entries.map(seqOf)).toEqual(Array.from({ length: 50 }, (_, i) => 59 - i));
    expect(nextCursor).not.toBeNull();
  });

  test("pages across 530 entries with limit 200: every entry once, in order, then a null cursor", async () => {
    const store = await seed(530);
    const pages = await allPages({ limit: 200 }, { store, key: KEY });
    expect(pages.map((p) => p.length)).toEqual([200, 200, 130]);
    const seqs = pages.flat().map(seqOf);
    expect(seqs).toEqual(Array.from({ length: 530 }, (_, i) => 529 - i));
    expect(new Set(pages.flat().map((e) => e.id)).size).toBe(530);
  });

  test("entries appended while paging neither shift nor repeat the pages already read", async () => {
    const store = await seed(100);
    const first = await queryAudit({ limit: 30 }, { store, key: KEY });
    for (let i = 100; i < 140; i++) await recordAudit(inputFor(i), { store, key: KEY, now: () => new Date(START + i * MINUTE) });
    const second = await queryAudit({ limit: 30, cursor: first.nextCursor ?? undefined }, { store, key: KEY });
    expect(first.entries.map(seqOf).at(-1)).toBe(70);
    expect(second.entries.map(seqOf)).toEqual(Array.from({ length: 30 }, (_, i) => 69 - i));
  });

  test.each<[string, AuditFilter, (i: number) => boolean]>([
    ["action", { action: "token.revoked" }, (i) => AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] === "token.revoked"],
    ["outcome", { outcome: "failure" }, (i) => i % 3 === 0],
    ["actor user id", { actorUserId: "user-2" }, (i) => i % 5 === 2],
    ["actor email, any case", { actorEmail: "USER3@example.org" }, (i) => i % 5 === 3],
    ["target id", { targetId: "report-4" }, (i) => i % 7 === 4],
    ["since (inclusive)", { since: new Date(START + 250 * MINUTE).toISOString() }, (i) => i >= 250],
    ["until (inclusive)", { until: new Date(START + 20 * MINUTE).toISOString() }, (i) => i <= 20],
    [
      "several at once",
      { outcome: "success", actorUserId: "user-1", since: "2026-01-01T01:00:00Z", until: "2026-01-01T04:00:00+00:00" },
      (i) => i % 3 !== 0 && i % 5 === 1 && i >= 60 && i <= 240,
    ],
  ])("filters by %s", async (_label, filter, expected) => {
    const store = await seed(300);
    const want = Array.from({ length: 300 }, (_, i) => i).filter(expected).reverse();
    expect(want.length).toBeGreaterThan(0);
    const got = (await allPages({ ...filter, limit: 7 }, { store, key: KEY })).flat().map(seqOf);
    expect(got).toEqual(want);
  });

  test("a scan bound stops a rare filter early with a cursor, and following it finds the rest", async () => {
    const store = await seed(300);
    const options = { store, key: KEY, maxScan: 40, pageSize: 16 };
    const first = await queryAudit({ actorUserId: "user-4", limit: 200 }, options);
    expect(first.entries.map(seqOf)).toEqual([299, 294, 289, 284, 279, 274, 269, 264]);
    expect(first.nextCursor).not.toBeNull();
    const all = (await allPages({ actorUserId: "user-4", limit: 200 }, options)).flat().map(seqOf);
    expect(all).toEqual(Array.from({ length: 60 }, (_, i) => 299 - 5 * i));
  });

  test("the scan reads the log in pages, never the whole list at once", async () => {
    const memory = await seed(500);
    const ranges: [number, number][] = [];
    const store: StateStore = { ...memory, listRange: (key, start, stop) => (ranges.push([start, stop]), memory.listRange(key, start, stop)) };
    await queryAudit({ action: "access.denied", limit: 1 }, { store, key: KEY, pageSize: 100 });
    expect(ranges.length).toBeGreaterThan(0);
    for (const [start, stop] of ranges) expect(stop - start + 1).toBeLessThanOrEqual(100);
  });

  test("stops scanning once entries are well before since", async () => {
    const memory = await seed(500);
    let scanned = 0;
    const store: StateStore = {
      ...memory,
      listRange: async (key, start, stop) => {
        const page = await memory.listRange(key, start, stop);
        scanned += page.length;
        return page;
      },
    };
    const result = await queryAudit({ since: new Date(START + 480 * MINUTE).toISOString(), limit: 200 }, { store, key: KEY, pageSize: 10 });
    expect(result.entries).toHaveLength(20);
    expect(result.nextCursor).toBeNull();
    expect(scanned).toBeLessThan(50);
  });

  test.each(["not-a-cursor", Buffer.from("a1:-3").toString("base64url"), Buffer.from("b1:3").toString("base64url")])(
    "refuses a cursor it did not make (%s)",
    async (cursor) => {
      const store = await seed(3);
      await expect(queryAudit({ cursor }, { store, key: KEY })).rejects.toMatchObject({ code: "invalid_input" });
    },
  );

  test.each<[string, AuditFilter]>([
    ["limit 0", { limit: 0 }],
    ["limit 201", { limit: 201 }],
    ["a bad date", { since: "yesterday" }],
    ["since after until", { since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z" }],
  ])("refuses %s", async (_label, filter) => {
    await expect(queryAudit(filter, { store: createMemoryStateStore(), key: KEY })).rejects.toBeInstanceOf(AppError);
  });

  test("skips an unreadable line instead of failing the whole read", async () => {
    const store = await seed(3);
    await store.appendToList(KEY, "{not json");
    const { entries } = await queryAudit({}, { store, key: KEY });
    expect(entries.map(seqOf)).toEqual([2, 1, 0]);
  });
});
