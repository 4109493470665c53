import { z } from "zod";
import { isoDateSchema } from "@/lib/schemas/faers-query";

// Contracts of alerts (issue #12): a finding from a watchlist scan, or a report that finished or
// failed, becomes an alert; alerts move through GVP Module IX's states (lib/alerts/lifecycle.ts); the
// alert log (a Redis stream, an in-memory log by default) delivers them over SSE.

export const ALERT_STATES = ["new", "validated", "under_assessment", "dismissed", "closed"] as const;
export const alertStateSchema = z.enum(ALERT_STATES, { message: `state must be one of ${ALERT_STATES.join(", ")}` });
export type AlertState = z.infer<typeof alertStateSchema>;

export const ALERT_OUTCOMES = ["confirmed", "refuted", "no_action"] as const;
export const alertOutcomeSchema = z.enum(ALERT_OUTCOMES, { message: `outcome must be one of ${ALERT_OUTCOMES.join(", ")}` });
export type AlertOutcome = z.infer<typeof alertOutcomeSchema>;

export const ALERT_KINDS = ["spike", "signal", "forecast_exceedance", "fatal_report", "report_ready", "report_failed"] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

/** Where a finding came from: enough for an evaluator to re-run it. */
export const findingProvenanceSchema = z.object({
  source: z.string(),
  /** The exact openFDA queries (or FAERS-file filters) behind the numbers. */
  queries: z.array(z.string()),
  /** The data's `last_updated` (openFDA) or the files' quarter end. */
  dataDate: z.string().nullable(),
  retrievedAt: z.string(),
  /** e.g. "ears_c2", "evans", "ets forecast 95% upper bound", "serious=death". */
  method: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  /** The threshold the finding crossed, in words and numbers (e.g. "count > upperBound 41.3"). */
  threshold: z.string(),
});
export type FindingProvenance = z.infer<typeof findingProvenanceSchema>;

/**
 * One finding of a scan. `fingerprint` is stable across scans for the same thing (watchlist, kind,
 * what it is about: a period, a reaction term, a case id), so a finding already alerted is recognised;
 * `score` and `rules` say how bad it is (lib/alerts/finding.ts: isWorsening).
 */
export const findingSchema = z.object({
  fingerprint: z.string().min(1).max(300),
  kind: alertKindSchema,
  /** A period ("2024-03"), a reaction term, or a case/report id. */
  subject: z.string(),
  title: z.string(),
  summary: z.string(),
  /** Higher is worse: spike observed/upperBound; signal the rule's lower bound (PRR025/ROR025/IC025/EB05); forecast observed/upper; fatal 1. */
  score: z.number(),
  /** Signal rules the finding meets (a stricter one met later is a worsening). */
  rules: z.array(z.string()).default([]),
  provenance: findingProvenanceSchema,
});
export type Finding = z.infer<typeof findingSchema>;

export const alertTransitionSchema = z.object({
  from: alertStateSchema,
  to: alertStateSchema,
  at: z.string(),
  /** The user id who moved it. */
  by: z.string(),
  reason: z.string().optional(),
  outcome: alertOutcomeSchema.optional(),
});
export type AlertTransition = z.infer<typeof alertTransitionSchema>;

export const alertIdSchema = z.string().regex(/^alr_[A-Za-z0-9_-]{8,64}$/, { message: "an alert id looks like alr_…" });

/** A stored alert, as GET /api/alerts returns it. */
export const alertRecordSchema = z.object({
  id: z.string(),
  kind: alertKindSchema,
  /** The watchlist whose scan raised it; null for report alerts (then `owner` alone, and admins, see it). */
  watchlistId: z.string().nullable(),
  /** The watchlist's owner, or the report's. */
  owner: z.string(),
  reportId: z.string().nullable(),
  product: z.object({ type: z.enum(["drug", "device"]), name: z.string(), filters: z.record(z.string(), z.unknown()) }),
  /** Links: the product view and, where one exists, the report. */
  links: z.object({ product: z.string(), report: z.string().nullable() }),
  finding: findingSchema,
  state: alertStateSchema,
  outcome: alertOutcomeSchema.nullable(),
  history: z.array(alertTransitionSchema),
  /**
   * The earlier alert of the same fingerprint this one follows: the finding worsened after that alert
   * was raised. Set whatever that alert's state (closed — final, so a worsening can only raise a new
   * one — or still open or dismissed); null for a first alert. lib/alerts/raise-alerts.ts.
   */
  follows: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The alert log entry that announced it (the SSE event id). */
  eventId: z.string().nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

/** PATCH /api/alerts/{id} and the alerts page's action: one move. */
export const alertMoveSchema = z
  .strictObject({
    to: alertStateSchema,
    reason: z.string().trim().min(1, { message: "reason must not be empty" }).max(2000, { message: "reason must be at most 2000 characters" }).optional(),
    outcome: alertOutcomeSchema.optional(),
  })
  .superRefine((move, ctx) => {
    if (move.to === "closed" && (move.outcome === undefined || move.reason === undefined)) {
      ctx.addIssue({ code: "custom", path: [move.outcome === undefined ? "outcome" : "reason"], message: "closing an alert needs an outcome (confirmed, refuted or no_action) and a reason" });
    }
    if (move.to !== "closed" && move.outcome !== undefined) ctx.addIssue({ code: "custom", path: ["outcome"], message: "an outcome is given only when closing" });
  });
export type AlertMove = z.infer<typeof alertMoveSchema>;

/** GET /api/alerts query: filters and cursor paging (newest first). */
export const alertListQuerySchema = z.strictObject(
  {
    state: alertStateSchema.optional(),
    /** Matches the alert's product name, case-insensitive. */
    product: z.string().trim().min(1).max(200).optional(),
    watchlist: z.string().regex(/^wl_[A-Za-z0-9_-]{8,64}$/, { message: "watchlist must be a watchlist id (wl_…)" }).optional(),
    /** Alerts created on or after this date or time. */
    since: z.union([isoDateSchema, z.iso.datetime({ message: "since must be a date (YYYY-MM-DD) or an ISO date-time" })]).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1, { message: "limit must be at least 1" }).max(200, { message: "limit must be at most 200" }).default(50),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined) },
);
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

/** What the alert log holds per entry and SSE sends as `data` (the id is the entry's id). */
export const alertEventSchema = z.object({ type: z.enum(["alert.raised", "alert.moved"]), alertId: z.string(), alert: alertRecordSchema });
export type AlertEvent = z.infer<typeof alertEventSchema>;
