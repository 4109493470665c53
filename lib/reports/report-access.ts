import "server-only";
import type { UserPrincipal } from "@/lib/auth/principal";
import { roleHasPermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors/app-error";
import type { ReportRecord } from "@/lib/schemas/reports";

/** Owners see their reports, admins every report; anyone else is told it does not exist (no IDOR oracle). */
export function canSeeReport(principal: UserPrincipal, record: Pick<ReportRecord, "owner">): boolean {
  return record.owner === principal.userId || roleHasPermission(principal.role, "reports:read-all");
}

export function assertCanSee<T extends Pick<ReportRecord, "owner">>(principal: UserPrincipal, record: T | null, what: string, id: string): T {
  if (!record || !canSeeReport(principal, record)) throw notFound(`No ${what} ${id}.`);
  return record;
}
