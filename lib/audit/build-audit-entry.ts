import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { newAuditId } from "@/lib/audit/audit-id";
import { isSecretKey, REDACTED, redactSecretValue } from "@/lib/audit/redact";
import { stripControlCharacters, truncateText } from "@/lib/audit/sanitize-text";
import {
  AUDIT_LIMITS,
  auditEntryInputSchema,
  auditEntrySchema,
  type AuditDetails,
  type AuditEntry,
  type AuditEntryInput,
} from "@/lib/schemas/audit";

/** Stored instead of an actor email that is not shaped like one (e.g. a password typed into the email field). */
export const NOT_AN_EMAIL = "[not an email]";
const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** Caller text beyond this is never looked at: it bounds the work per string, far above any stored limit. */
const MAX_EXAMINED = 8_192;

/** One line of plain text, no credential, at most `max` long. Secrets are checked before the cut. */
function cleanText(value: string, max: number): string {
  return truncateText(redactSecretValue(stripControlCharacters(value.slice(0, MAX_EXAMINED)).trim()), max);
}

function cleanOptional(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value, max);
  return cleaned === "" ? undefined : cleaned;
}

function cleanEmail(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const email = stripControlCharacters(value.slice(0, MAX_EXAMINED)).trim().toLowerCase();
  if (email === "") return undefined;
  if (email.length > AUDIT_LIMITS.email || !EMAIL_SHAPE.test(email) || redactSecretValue(email) !== email) return NOT_AN_EMAIL;
  return email;
}

function cleanDetails(details: Record<string, string | number | boolean | null> | undefined): AuditDetails | undefined {
  if (details === undefined) return undefined;
  const out: AuditDetails = {};
  for (const [key, value] of Object.entries(details)) {
    out[key] = isSecretKey(key) ? REDACTED : typeof value === "string" ? cleanText(value, AUDIT_LIMITS.detailValue) : value;
  }
  return out;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(entry)"}: ${issue.message}`).join("; ");
}

const dropUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Checks a caller's entry and turns it into the line that is stored: id and time added, strings made one
 * plain line and cut to the stored limits, credentials replaced by "[redacted]". A malformed entry is a
 * bug in the caller, so it throws `internal_error` rather than being stored half-right.
 */
export function buildAuditEntry(input: AuditEntryInput, at: Date): AuditEntry {
  const parsed = auditEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError({ code: "internal_error", message: `Invalid audit entry: ${describeIssues(parsed.error)}` });
  }
  const { action, outcome, actor, target, source, details } = parsed.data;
  const entry = dropUndefined({
    id: newAuditId(at),
    at: at.toISOString(),
    action,
    outcome,
    actor: dropUndefined({
      userId: cleanOptional(actor.userId, AUDIT_LIMITS.userId),
      email: cleanEmail(actor.email),
      via: actor.via,
    }),
    target:
      target === undefined
        ? undefined
        : dropUndefined({
            type: target.type,
            id: cleanText(target.id, AUDIT_LIMITS.targetId),
            label: cleanOptional(target.label, AUDIT_LIMITS.label),
          }),
    source: dropUndefined({
      ip: cleanOptional(source.ip, AUDIT_LIMITS.ip),
      userAgent: cleanOptional(source.userAgent, AUDIT_LIMITS.userAgent),
    }),
    details: cleanDetails(details),
  });
  const checked = auditEntrySchema.safeParse(entry);
  if (!checked.success) {
    throw new AppError({ code: "internal_error", message: `Invalid audit entry: ${describeIssues(checked.error)}` });
  }
  return checked.data;
}
