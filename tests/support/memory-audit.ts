// A fresh in-memory state store per test, and the audit log as stored in it (for use-case tests).
import { afterEach, beforeEach } from "vitest";
import { AUDIT_LIST_KEY } from "@/lib/audit/audit-store";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { auditEntrySchema, type AuditEntry } from "@/lib/schemas/audit";

export function memoryStateStorePerTest(): { store: () => StateStore; auditLog: () => Promise<AuditEntry[]> } {
  let store: StateStore;
  beforeEach(() => {
    store = createMemoryStateStore();
    setStateStoreForTests(store);
  });
  afterEach(() => setStateStoreForTests(undefined));
  return {
    store: () => store,
    auditLog: async () => (await store.listRange(AUDIT_LIST_KEY, 0, -1)).map((line) => auditEntrySchema.parse(JSON.parse(line))),
  };
}
