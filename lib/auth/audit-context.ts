import "server-only";
import { auditSourceFrom } from "@/lib/audit/audit-source";
import type { UserPrincipal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import type { AuditEntryInput } from "@/lib/schemas/audit";

/** The "who" and "from where" of an audit entry, from a signed-in caller and its request. */
export function auditBy(principal: UserPrincipal, req: Request): Pick<AuditEntryInput, "actor" | "source"> {
  return {
    actor: { userId: principal.userId, email: principal.email, via: principal.via },
    source: auditSource(req),
  };
}

export function auditSource(req: Request): AuditEntryInput["source"] {
  return auditSourceFrom(req, getEnv().TRUST_PROXY);
}
