import { z } from "zod";
import { anomalyMethodSchema } from "@/lib/schemas/analytics";
import { anomalyParamsInputSchema, refineAnomalyParams } from "@/lib/schemas/anomaly-params";
import { checkProductFilters, isoDateSchema, productFilterObject } from "@/lib/schemas/faers-query";

// Contracts of the CER report API (POST /api/reports and the report form's server action share
// `reportRequestSchema`), the stored report record, and the job event. The event carries only ids:
// Inngest 4 rejects schemas with transforms, and the record holds the parsed request.

export const REPORT_SECTIONS = [
  "summary",
  "scope",
  "sources",
  "preprocessing",
  "descriptive",
  "trend",
  "disproportionality",
  "cases",
  "changes",
  "limitations",
  "conclusions",
  "references",
  "provenance",
] as const;
export const reportSectionSchema = z.enum(REPORT_SECTIONS);

const text = (name: string, max: number) => z.string().trim().min(1, { message: `${name} must not be empty` }).max(max, { message: `${name} must be at most ${max} characters` });

/** The product and its filters, exactly the analytics API's fields (from and to are the report's own). */
export const reportProductSchema = productFilterObject.omit({ from: true, to: true }).superRefine(checkProductFilters);

export const reportRequestSchema = z
  .strictObject({
    product: reportProductSchema,
    from: isoDateSchema,
    to: isoDateSchema,
    title: text("title", 200).optional(),
    evaluator: z
      .strictObject({
        name: text("evaluator.name", 200),
        qualifications: text("evaluator.qualifications", 1000).optional(),
        signedOn: isoDateSchema.optional(),
      })
      .optional(),
    intendedPurpose: text("intendedPurpose", 4000).optional(),
    conclusions: text("conclusions", 8000).optional(),
    nextReviewDate: isoDateSchema.optional(),
    /** A previous report of the same product to compare with; default: the latest one before this. */
    compareTo: z.string().regex(/^rep_[A-Za-z0-9_-]{8,64}$/, { message: "compareTo must be a report id (rep_…)" }).optional(),
    sections: z.array(reportSectionSchema).min(1).max(REPORT_SECTIONS.length).optional(),
    spikeMethod: anomalyMethodSchema.optional(),
    spikeParams: anomalyParamsInputSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.from > body.to) ctx.addIssue({ code: "custom", path: ["from"], message: `from (${body.from}) must not be after to (${body.to})` });
    if (body.spikeParams !== undefined) refineAnomalyParams(body.spikeMethod ?? "auto", body.spikeParams, ctx);
  });

export type ReportRequest = z.infer<typeof reportRequestSchema>;
/** What a client sends (before parsing: e.g. serious as "true"). */
export type ReportRequestInput = z.input<typeof reportRequestSchema>;

/** The job's trigger event: ids only. */
export const reportRequestedEventSchema = z.strictObject({
  reportId: z.string(),
  taskId: z.string(),
  owner: z.string(),
  /** The x-request-id of the request that asked for the report: job logs carry it (#13). */
  requestId: z.string().max(128).optional(),
  /** W3C traceparent of that request, so the job's spans join its trace (#13). */
  traceparent: z.string().max(128).optional(),
});
export type ReportRequestedEvent = z.infer<typeof reportRequestedEventSchema>;

export const reportStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

/** A stored report as GET /api/reports/{id} returns it (the PDF itself at /pdf). */
export const reportRecordSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  owner: z.string(),
  status: reportStatusSchema,
  request: z.unknown(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The data date the pipeline answered as of (the report's `to`, or today if earlier). */
  dataDate: z.string(),
  comparedWith: z.string().nullable(),
  snapshot: z.object({ sha256: z.string(), bytes: z.number().int() }).nullable(),
  pdf: z.object({ sha256: z.string(), bytes: z.number().int(), pages: z.number().int() }).nullable(),
  error: z.string().optional(),
});
export type ReportRecord = z.infer<typeof reportRecordSchema>;
