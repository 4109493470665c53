import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { queryAudit } from "@/lib/audit/query-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";

const AUDIT_DIR = path.resolve(import.meta.dirname, "../../../lib/audit");
const KEY = "test:audit";

/** The only functions lib/audit may export. A new one must be added here on purpose, after review. */
const ALLOWED_FUNCTIONS = new Set([
  "recordAudit",
  "queryAudit",
  "auditSourceFrom",
  "buildAuditEntry",
  "matchesAuditFilter",
  "resolveAuditStore",
  "newAuditId",
  "encodeAuditCursor",
  "decodeAuditCursor",
  "isSecretKey",
  "looksLikeSecret",
  "redactSecretValue",
  "stripControlCharacters",
  "truncateText",
]);

describe("the audit log is append-only", () => {
  test("lib/audit exports no function that could edit, trim or delete entries", async () => {
    const files = readdirSync(AUDIT_DIR).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const functions: string[] = [];
    for (const file of files) {
      const exports = (await import(path.join(AUDIT_DIR, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) if (typeof value === "function") functions.push(name);
    }
    expect(functions.filter((name) => !ALLOWED_FUNCTIONS.has(name))).toEqual([]);
    expect(functions.filter((name) => /delete|remove|update|edit|trim|clear|set|purge|truncateLog/i.test(name))).toEqual([]);
  });

  test("writing and reading only ever append to or read the list", async () => {
    const memory = createMemoryStateStore();
    const calls = new Set<string>();
    const spy = Object.fromEntries(
      Object.entries(memory).map(([name, value]) => [
        name,
        typeof value === "function" ? (...args: unknown[]) => (calls.add(name), (value as (...a: unknown[]) => unknown)(...args)) : value,
      ]),
    ) as unknown as StateStore;
    for (let i = 0; i < 5; i++) {
      await recordAudit({ action: "user.deleted", outcome: "success", actor: { userId: "admin", via: "session" }, target: { type: "user", id: `u${i}` }, source: {} }, { store: spy, key: KEY });
    }
    await queryAudit({ targetId: "u3", limit: 2 }, { store: spy, key: KEY });
    await queryAudit({}, { store: spy, key: KEY });
    expect([...calls].sort()).toEqual(["appendToList", "listLength", "listRange"]);
    expect(await memory.listLength(KEY)).toBe(5);
  });
});
