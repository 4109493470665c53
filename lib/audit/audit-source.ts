import { isIP } from "node:net";
import { stripControlCharacters, truncateText } from "@/lib/audit/sanitize-text";
import { AUDIT_LIMITS } from "@/lib/schemas/audit";

export type AuditSource = { ip: string; userAgent?: string };

/** "203.0.113.7", "2001:db8::1", "[2001:db8::1]:443" or "203.0.113.7:8080" → the bare address, else null. */
function parseAddress(raw: string): string | null {
  const value = raw.trim();
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1] && isIP(bracketed[1]) === 6) return bracketed[1];
  const withPort = /^([^:]+):\d+$/.exec(value);
  if (withPort?.[1] && isIP(withPort[1]) === 4) return withPort[1];
  return null;
}

/** What the audit source reads: a Request's headers, or next/headers' in a server action. */
export type HeaderReader = { get(name: string): string | null };

/**
 * Where a request came from, for the audit log. The client address is read from the first
 * X-Forwarded-For entry only when `trustProxy` is set (a reverse proxy that overwrites the header):
 * otherwise any client can write that header, and `next start` fills it in itself when absent, so it is
 * no evidence of anything. Without a trusted proxy the address is "unknown".
 */
export function auditSourceFrom({ headers }: { headers: HeaderReader }, trustProxy: boolean): AuditSource {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0];
  const ip = trustProxy && first !== undefined ? (parseAddress(first) ?? "unknown") : "unknown";
  const agent = headers.get("user-agent");
  if (agent === null || agent.trim() === "") return { ip };
  return { ip, userAgent: truncateText(stripControlCharacters(agent).trim(), AUDIT_LIMITS.userAgent) };
}
