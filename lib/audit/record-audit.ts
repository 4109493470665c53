import "server-only";
import { resolveAuditStore, type AuditStoreOptions } from "@/lib/audit/audit-store";
import { buildAuditEntry } from "@/lib/audit/build-audit-entry";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import type { AuditEntry, AuditEntryInput } from "@/lib/schemas/audit";

export type RecordAuditOptions = AuditStoreOptions & { now?: () => Date };

/** Log lines carry no personal data: ids are reduced to a short hash that still correlates lines. */
const hashIfSet = (value: string | undefined) => (value === undefined ? undefined : hashForLog(value));

/**
 * Appends one entry to the audit log and returns it as stored. Throws when the entry is malformed
 * (`internal_error`) or the store cannot take it (`service_unavailable`): an audit write is never dropped
 * silently, and the caller decides what an unauditable action means (sign-in fails closed).
 */
export async function recordAudit(input: AuditEntryInput, options: RecordAuditOptions = {}): Promise<AuditEntry> {
  const entry = buildAuditEntry(input, options.now?.() ?? new Date());
  const { store, key } = resolveAuditStore(options);
  try {
    await store.appendToList(key, JSON.stringify(entry));
  } catch (error) {
    logger.error("audit.write_failed", { auditId: entry.id, action: entry.action, outcome: entry.outcome });
    throw error;
  }
  // No email, IP, user agent, label or details here: the log line only points at the stored entry.
  logger.info("audit.recorded", {
    auditId: entry.id,
    action: entry.action,
    outcome: entry.outcome,
    via: entry.actor.via,
    actorHash: hashIfSet(entry.actor.userId),
    targetType: entry.target?.type,
    targetHash: hashIfSet(entry.target?.id),
  });
  return entry;
}
