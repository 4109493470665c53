import { z } from "zod";
import { anomalyMethodSchema } from "@/lib/schemas/analytics";
import { anomalyParamsInputSchema, refineAnomalyParams } from "@/lib/schemas/anomaly-params";
import { emailSchema } from "@/lib/schemas/accounts";
import { reportProductSchema } from "@/lib/schemas/reports";

// Contracts of watchlists (issue #12): POST/PATCH /api/watchlists and the watchlists page's server
// actions share `watchlistInputSchema`. A watchlist watches one product (the analytics API's product
// and filter fields) for findings of the kinds in `watch`, on a schedule, shared with named users or
// all analysts.

const text = (name: string, max: number) =>
  z.string().trim().min(1, { message: `${name} must not be empty` }).max(max, { message: `${name} must be at most ${max} characters` });

/** The disproportionality rules a watch can use (lib/analytics/disproportionality; all need a ≥ minCount). */
export const SIGNAL_RULES = ["evans", "ror025", "ic025", "eb05"] as const;
export const signalRuleSchema = z.enum(SIGNAL_RULES, { message: `rule must be one of ${SIGNAL_RULES.join(", ")}` });
export type SignalRule = z.infer<typeof signalRuleSchema>;

export const WATCH_KINDS = ["spike", "signal", "forecast_exceedance", "fatal_report"] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** What to watch. Spike: a method with its parameters (the spike API's names); signal: a rule and a minimum case count; forecast exceedance: the last period above the forecast's upper bound at `level`; a new fatal report. */
export const watchRuleSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("spike"), method: anomalyMethodSchema, params: anomalyParamsInputSchema.optional() }),
      z.strictObject({
        kind: z.literal("signal"),
        rule: signalRuleSchema,
        minCount: z.number().int({ message: "minCount must be a whole number from 1 to 10000" }).min(1, { message: "minCount must be at least 1" }).max(10_000, { message: "minCount must be at most 10000" }),
      }),
      z.strictObject({ kind: z.literal("forecast_exceedance"), level: z.union([z.literal(80), z.literal(95)], { message: "level must be 80 or 95" }) }),
      z.strictObject({ kind: z.literal("fatal_report") }),
    ],
    { error: () => `watch kind must be one of ${WATCH_KINDS.join(", ")}` },
  )
  .superRefine((rule, ctx) => {
    if (rule.kind === "spike" && rule.params !== undefined) refineAnomalyParams(rule.method, rule.params, ctx);
  });
export type WatchRule = z.infer<typeof watchRuleSchema>;

export const watchScheduleSchema = z.enum(["daily", "weekly"], { message: 'schedule must be "daily" or "weekly"' });
export type WatchSchedule = z.infer<typeof watchScheduleSchema>;

/** Sharing as a client sends it: named users by email, and/or every analyst. */
export const watchSharingInputSchema = z.strictObject({
  users: z.array(emailSchema).max(50, { message: "share with at most 50 named users" }).default([]),
  allAnalysts: z.boolean().default(false),
});

export const watchlistInputSchema = z.strictObject({
  name: text("name", 120),
  product: reportProductSchema,
  watch: z.array(watchRuleSchema).min(1, { message: "watch at least one thing" }).max(8, { message: "watch at most 8 things per watchlist" }),
  schedule: watchScheduleSchema,
  sharing: watchSharingInputSchema.default({ users: [], allAnalysts: false }),
});
export type WatchlistInput = z.infer<typeof watchlistInputSchema>;

/**
 * PATCH: any of the fields; sharing replaces the previous sharing whole. Sharing has no default here
 * (the input schema's default would otherwise reset the sharing of every PATCH that leaves it out).
 */
export const watchlistPatchSchema = watchlistInputSchema.extend({ sharing: watchSharingInputSchema.optional() }).partial().refine((p) => Object.keys(p).length > 0, { message: "give at least one field to change" });
export type WatchlistPatch = z.infer<typeof watchlistPatchSchema>;

export const watchlistIdSchema = z.string().regex(/^wl_[A-Za-z0-9_-]{8,64}$/, { message: "a watchlist id looks like wl_…" });

/** A stored watchlist. `sharing.userIds` are user ids (emails are resolved when shown). */
export const watchlistRecordSchema = z.object({
  id: z.string(),
  owner: z.string(),
  name: z.string(),
  product: z.unknown(),
  watch: z.array(z.unknown()),
  schedule: watchScheduleSchema,
  sharing: z.object({ userIds: z.array(z.string()), allAnalysts: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the last scan (scheduled or asked for) finished, and what it found. */
  lastScan: z
    .object({ at: z.string(), findings: z.number().int(), alertsRaised: z.number().int(), error: z.string().optional() })
    .nullable(),
});
export type WatchlistRecord = z.infer<typeof watchlistRecordSchema>;
