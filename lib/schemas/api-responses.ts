import { z } from "zod";
import { personalTokenSchema, publicUserSchema } from "@/lib/schemas/accounts";
import { alertRecordSchema, findingSchema } from "@/lib/schemas/alerts";
import { dataQualitySchema } from "@/lib/schemas/case-report";
import { reportRecordSchema } from "@/lib/schemas/reports";
import { watchlistRecordSchema } from "@/lib/schemas/watchlists";
import { taskRecordSchema } from "@/lib/jobs/task-record";

// Response bodies of routes whose answer is an envelope around records that have a schema elsewhere
// (lists, created/deleted acknowledgements, views). The routes' use cases return these shapes; the API
// document (lib/openapi) and the e2e specs check real answers against them.

// Accounts and admin
export const personalTokenListResponseSchema = z.object({ tokens: z.array(personalTokenSchema) });
/** The token itself is shown once, here; only its prefix is stored readable. */
export const createdPersonalTokenResponseSchema = personalTokenSchema.extend({ token: z.string() });
export const revokedTokenResponseSchema = z.object({ revoked: z.literal(true), id: z.string() });
export const userListResponseSchema = z.object({ users: z.array(publicUserSchema) });
export const userResponseSchema = z.object({ user: publicUserSchema });
export const deletedUserResponseSchema = z.object({ deleted: z.literal(true), id: z.string() });

// Reports and tasks
/** A report as the API shows it: its record and the state of the task building it. */
export const reportViewSchema = reportRecordSchema.extend({
  task: taskRecordSchema.pick({ status: true, progress: true, step: true, attempts: true, error: true }).nullable(),
});
export const reportListResponseSchema = z.object({ data: z.array(reportViewSchema) });
export const reportAcceptedResponseSchema = z.object({ reportId: z.string(), taskId: z.string() });
export const reportRemovedResponseSchema = z.object({ id: z.string(), outcome: z.enum(["cancelled", "deleted"]) });
export const reportChangesResponseSchema = z.object({
  reportId: z.string(),
  comparedWith: z.string().nullable(),
  /** The "what changed" section's data (lib/reports/snapshot.ts ReportChanges); null with a message when there is nothing to compare. */
  changes: z.record(z.string(), z.unknown()).nullable(),
  message: z.string().optional(),
});
export const verifyReportResponseSchema = z.union([
  z.object({
    match: z.literal(true),
    sha256: z.string(),
    report: reportRecordSchema.pick({ id: true, title: true, createdAt: true, dataDate: true, snapshot: true, pdf: true }),
  }),
  z.object({ match: z.literal(false), sha256: z.string(), message: z.string() }),
]);

// Watchlists and alerts
/** A watchlist as the API shows it: sharing by user id and email. */
export const watchlistViewSchema = watchlistRecordSchema.omit({ sharing: true }).extend({
  sharing: z.object({ users: z.array(z.object({ id: z.string(), email: z.string().nullable() })), allAnalysts: z.boolean() }),
});
export const watchlistListResponseSchema = z.object({ data: z.array(watchlistViewSchema) });
export const deletedWatchlistResponseSchema = z.object({ id: z.string(), deleted: z.literal(true) });
export const watchlistScanResponseSchema = z.object({
  watchlist: watchlistViewSchema,
  findings: z.array(findingSchema),
  raised: z.array(alertRecordSchema),
  unchanged: z.number().int().nonnegative(),
  /** What went wrong in one watch rule, by its index; the other rules still ran. */
  problems: z.array(z.object({ watch: z.number().int().nonnegative(), message: z.string() })),
});
export const alertPageResponseSchema = z.object({ data: z.array(alertRecordSchema), nextCursor: z.string().nullable() });

// Analytics on posted data: the top level only; the per-method fields are described in docs/ and the
// analytics modules' types.
export const normalizeResponseSchema = z.object({
  kind: z.enum(["drug", "device"]),
  source: z.string(),
  reports: z.array(z.record(z.string(), z.unknown())),
  quality: dataQualitySchema,
  /** FAERS uploads only: the files read, how many reports they held, and whether `reports` was cut. */
  files: z.array(z.unknown()).optional(),
  totalReports: z.number().int().nonnegative().optional(),
  truncated: z.boolean().optional(),
});
export const postedForecastResponseSchema = z
  .object({
    method: z.enum(["ets", "naive"]),
    model: z.string(),
    forecast: z.array(z.object({ step: z.number().int(), mean: z.number(), lower: z.record(z.string(), z.number()), upper: z.record(z.string(), z.number()) })),
    frequency: z.number().int(),
    horizon: z.number().int(),
    levels: z.array(z.number()),
  })
  .catchall(z.unknown());
export const postedAnomaliesResponseSchema = z
  .object({
    method: z.string(),
    assessments: z.array(z.record(z.string(), z.unknown())),
    anomalies: z.array(z.object({ index: z.number().int().nonnegative(), period: z.string().optional() }).catchall(z.unknown())),
    notes: z.array(z.string()),
  })
  .catchall(z.unknown());
/** `kind: "tables"`: measures per posted 2×2 table; `kind: "reports"`: the MGPS prior and one page of ranked pairs. */
export const disproportionalityResponseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("tables"), results: z.array(z.record(z.string(), z.unknown())) }).catchall(z.unknown()),
  z
    .object({
      kind: z.literal("reports"),
      totalPairs: z.number().int().nonnegative(),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive(),
      returned: z.number().int().nonnegative(),
      prior: z.record(z.string(), z.unknown()),
      pairs: z.array(z.object({ drug: z.string(), event: z.string(), n: z.number(), e: z.number(), ebgm: z.number(), eb05: z.number(), eb95: z.number() }).catchall(z.unknown())),
      nextOffset: z.number().int().nonnegative().nullable(),
    })
    .catchall(z.unknown()),
]);
