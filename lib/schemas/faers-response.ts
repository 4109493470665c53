import { z } from "zod";
import { caseReportSchema, dataQualitySchema, deviceReportSchema } from "@/lib/schemas/case-report";

// Response contracts for /api/faers/*. Tests parse responses with these; the page reads their types.

export const cacheStatusSchema = z.enum(["HIT", "MISS", "STALE"]);

export const provenanceSchema = z.object({
  source: z.string(),
  endpoint: z.enum(["drug/event", "device/event"]),
  /** The exact openFDA URLs called; the API key is never part of them. */
  queries: z.array(z.string()),
  search: z.string(),
  /** openFDA `meta.last_updated`: when the endpoint was last refreshed, not the newest report. */
  lastUpdated: z.string().nullable(),
  retrievedAt: z.string(),
  cache: cacheStatusSchema,
  normalizationRulesVersion: z.string(),
  rules: z.array(z.string()),
});

export const seriesPointSchema = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  count: z.number().int().nonnegative(),
  /** Not fully covered by the data (in progress, still filling through reporting lag, or cut by `from`). */
  partial: z.boolean(),
});

export const trendResponseSchema = z.object({
  product: z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() }),
  interval: z.enum(["week", "month", "quarter", "year"]),
  from: z.string(),
  to: z.string(),
  series: z.array(seriesPointSchema),
  total: z.number().int().nonnegative(),
  /** Latest day with at least one report in the range, or null. */
  dataThrough: z.string().nullable(),
  provenance: provenanceSchema,
});

export const reactionsResponseSchema = z.object({
  product: z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() }),
  termKind: z.string(),
  field: z.string(),
  total: z.number().int().nonnegative(),
  terms: z.array(z.object({ term: z.string(), count: z.number().int().nonnegative(), share: z.number() })),
  provenance: provenanceSchema,
});

export const breakdownSchema = z.object({
  id: z.string(),
  label: z.string(),
  field: z.string(),
  /** What one count is: always distinct reports here. */
  basis: z.literal("reports"),
  /** Whether a report can fall in several items (e.g. seriousness flags, outcomes). */
  multiValued: z.boolean(),
  items: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int().nonnegative() })),
  note: z.string().optional(),
});

export const summaryResponseSchema = z.object({
  product: z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: z.number().int().nonnegative(),
  breakdowns: z.array(breakdownSchema),
  provenance: provenanceSchema,
});

export const casesResponseSchema = z.object({
  product: z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() }),
  total: z.number().int().nonnegative(),
  data: z.union([z.array(caseReportSchema), z.array(deviceReportSchema)]),
  nextCursor: z.string().nullable(),
  quality: dataQualitySchema,
  provenance: provenanceSchema,
});

export const healthResponseSchema = z.object({
  /** Liveness, always HTTP 200: "starting" until boot is done (the first admin exists, so sign-ins can succeed); readiness is GET /api/ready. */
  status: z.enum(["starting", "ok", "degraded"]),
  cache: z.enum(["memory", "redis", "upstash"]),
  cacheReachable: z.boolean(),
  jobs: z.enum(["local", "inngest"]),
  source: z.enum(["openfda", "faers-files"]),
  version: z.string(),
  /** Alert streams (SSE) open on this instance. */
  sse: z.object({ open: z.number().int().nonnegative() }),
});

export type Provenance = z.infer<typeof provenanceSchema>;
export type TrendResponse = z.infer<typeof trendResponseSchema>;
export type ReactionsResponse = z.infer<typeof reactionsResponseSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
export type CasesResponse = z.infer<typeof casesResponseSchema>;
export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type ProductRef = TrendResponse["product"];
