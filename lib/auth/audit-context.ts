import "server-only";
import { auditSourceFrom, type AuditSource, type HeaderReader } from "@/lib/audit/audit-source";
import type { UserPrincipal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import type { AuditEntryInput } from "@/lib/schemas/audit";

/**
 * Who does a state change and from where: what every use case needs for its audit entry. Built from
 * headers alone, so a route (its Request), a server action (next/headers) and a job can all make one.
 */
export type ActorContext = { principal: UserPrincipal; source: AuditSource };

export function actorFromHeaders(principal: UserPrincipal, headers: HeaderReader): ActorContext {
  return { principal, source: auditSourceFrom({ headers }, getEnv().TRUST_PROXY) };
}

export function actorFromRequest(principal: UserPrincipal, req: Request): ActorContext {
  return actorFromHeaders(principal, req.headers);
}

/** The "who" and "from where" of an audit entry. */
export function auditBy({ principal, source }: ActorContext): Pick<AuditEntryInput, "actor" | "source"> {
  return { actor: { userId: principal.userId, email: principal.email, via: principal.via }, source };
}

export function auditSource(req: Request): AuditEntryInput["source"] {
  return auditSourceFrom(req, getEnv().TRUST_PROXY);
}
