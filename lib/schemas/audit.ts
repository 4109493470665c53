import { z } from "zod";

// The audit log's entry shape, the writer's input, and GET /api/admin/audit's query and response.
// Schemas only: sanitizing and redaction live in lib/audit, which runs before the entry is checked here.

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.token_issued",
  "token.created",
  "token.revoked",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.deleted",
  "user.password_reset",
  "report.requested",
  "report.completed",
  "report.failed",
  "report.cancelled",
  "report.deleted",
  "report.downloaded",
  "watchlist.created",
  "watchlist.updated",
  "watchlist.deleted",
  "watchlist.scanned",
  "alert.raised",
  "alert.moved",
  "access.denied",
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
// "denied": the role lacks the permission; "refused": allowed, but the change would break a rule (last admin).
export const auditOutcomeSchema = z.enum(["success", "failure", "denied", "refused"]);
export const auditViaSchema = z.enum(["session", "api-token", "pat", "oidc", "credentials", "system"]);
export const auditTargetTypeSchema = z.enum(["user", "token", "report", "session", "watchlist", "alert"]);

/** Limits of a stored entry; the writer truncates to these before the entry is checked. */
export const AUDIT_LIMITS = {
  userId: 128,
  email: 320,
  targetId: 256,
  label: 200,
  ip: 64,
  userAgent: 200,
  detailKeys: 20,
  detailValue: 500,
} as const;

/** Detail keys are identifiers, never free text: nothing to sanitize and easy to match against the secret-key rule. */
const detailKeySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { message: "detail keys are identifiers of at most 64 characters" });
const detailValueSchema = z.union([z.string().max(AUDIT_LIMITS.detailValue), z.number(), z.boolean(), z.null()]);

export const auditDetailsSchema = z
  .record(detailKeySchema, detailValueSchema)
  .refine((details) => Object.keys(details).length <= AUDIT_LIMITS.detailKeys, {
    message: `at most ${AUDIT_LIMITS.detailKeys} detail keys`,
  });

export const auditActorSchema = z.strictObject({
  userId: z.string().min(1).max(AUDIT_LIMITS.userId).optional(),
  email: z.string().min(1).max(AUDIT_LIMITS.email).optional(),
  via: auditViaSchema.optional(),
});

export const auditTargetSchema = z.strictObject({
  type: auditTargetTypeSchema,
  id: z.string().min(1).max(AUDIT_LIMITS.targetId),
  label: z.string().max(AUDIT_LIMITS.label).optional(),
});

export const auditSourceSchema = z.strictObject({
  ip: z.string().min(1).max(AUDIT_LIMITS.ip).optional(),
  userAgent: z.string().max(AUDIT_LIMITS.userAgent).optional(),
});

/** One stored line of the log. */
export const auditEntrySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-z]{10}-[0-9a-f]{16}$/),
  at: z.iso.datetime(),
  action: auditActionSchema,
  outcome: auditOutcomeSchema,
  actor: auditActorSchema,
  target: auditTargetSchema.optional(),
  source: auditSourceSchema,
  details: auditDetailsSchema.optional(),
});

// The writer's input is checked for shape only. Strings are not length-checked here: they often come from
// the client (user agent, typed email), and an over-long one must be cut, not make the audit write fail.
const inputString = z.string();

export const auditEntryInputSchema = z.strictObject({
  action: auditActionSchema,
  outcome: auditOutcomeSchema,
  actor: z.strictObject({
    userId: inputString.min(1).optional(),
    email: inputString.optional(),
    via: auditViaSchema.optional(),
  }),
  target: z
    .strictObject({ type: auditTargetTypeSchema, id: inputString.min(1), label: inputString.optional() })
    .optional(),
  source: z.strictObject({ ip: inputString.optional(), userAgent: inputString.optional() }),
  details: z
    .record(detailKeySchema, z.union([inputString, z.number(), z.boolean(), z.null()]))
    .refine((details) => Object.keys(details).length <= AUDIT_LIMITS.detailKeys, {
      message: `at most ${AUDIT_LIMITS.detailKeys} detail keys`,
    })
    .optional(),
});

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;

/** Opaque paging cursor: base64url text, short. */
export const auditCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "cursor must be a value returned as nextCursor" });

const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO date-time such as 2026-05-01T00:00:00Z" });

/** GET /api/admin/audit query string. Unknown keys are rejected so a misspelt filter never reads as "no filter". */
export const auditQuerySchema = z
  .strictObject({
    action: auditActionSchema.optional(),
    outcome: auditOutcomeSchema.optional(),
    actorUserId: z.string().trim().min(1).max(AUDIT_LIMITS.userId).optional(),
    actorEmail: z.string().trim().toLowerCase().min(1).max(AUDIT_LIMITS.email).optional(),
    targetId: z.string().trim().min(1).max(AUDIT_LIMITS.targetId).optional(),
    since: isoDateTime.optional(),
    until: isoDateTime.optional(),
    cursor: auditCursorSchema.optional(),
    limit: z.coerce
      .number({ message: "limit must be a number" })
      .int({ message: "limit must be a whole number" })
      .min(1, { message: "limit must be at least 1" })
      .max(AUDIT_MAX_LIMIT, { message: `limit must be at most ${AUDIT_MAX_LIMIT}` })
      .default(AUDIT_DEFAULT_LIMIT),
  })
  .refine((query) => query.since === undefined || query.until === undefined || Date.parse(query.since) <= Date.parse(query.until), {
    message: "since must not be after until",
    path: ["since"],
  });

export const auditListResponseSchema = z.strictObject({
  entries: z.array(auditEntrySchema),
  /** Null when the whole log has been scanned; otherwise pass it back as `cursor` (entries may be empty). */
  nextCursor: auditCursorSchema.nullable(),
});

export type AuditAction = z.infer<typeof auditActionSchema>;
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;
export type AuditVia = z.infer<typeof auditViaSchema>;
export type AuditDetails = z.infer<typeof auditDetailsSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditEntryInput = z.input<typeof auditEntryInputSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
