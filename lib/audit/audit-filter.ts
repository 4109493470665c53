import type { AuditEntry, AuditQuery } from "@/lib/schemas/audit";

export type AuditMatchFilter = Omit<AuditQuery, "cursor" | "limit">;

/** True when the entry passes every filter given (absent filters match everything). */
export function matchesAuditFilter(entry: AuditEntry, filter: AuditMatchFilter): boolean {
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
  if (filter.actorUserId !== undefined && entry.actor.userId !== filter.actorUserId) return false;
  if (filter.actorEmail !== undefined && entry.actor.email !== filter.actorEmail.toLowerCase()) return false;
  if (filter.targetId !== undefined && entry.target?.id !== filter.targetId) return false;
  const at = Date.parse(entry.at);
  if (filter.since !== undefined && at < Date.parse(filter.since)) return false;
  if (filter.until !== undefined && at > Date.parse(filter.until)) return false;
  return true;
}
