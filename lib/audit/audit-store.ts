import "server-only";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";

/** The one list holding the log. Entries are only ever appended (RPUSH); nothing in the app trims or edits it. */
export const AUDIT_LIST_KEY = "cer:v1:state:audit";

/** Where the log lives. Tests pass their own store or key so they never touch the app's log. */
export type AuditStoreOptions = { store?: StateStore; key?: string };

export function resolveAuditStore(options: AuditStoreOptions): { store: StateStore; key: string } {
  return { store: options.store ?? getStateStore(), key: options.key ?? AUDIT_LIST_KEY };
}
