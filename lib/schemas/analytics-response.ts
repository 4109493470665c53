import { z } from "zod";
import { provenanceSchema, seriesPointSchema } from "@/lib/schemas/faers-response";

// Response contracts for the per-product analytics endpoints (/api/faers/forecast, anomalies, signals).

const productSchema = z.object({ kind: z.enum(["drug", "device", "productCode"]), name: z.string() });

export const forecastPointSchema = z.object({
  step: z.number().int().positive(),
  period: z.string().optional(),
  mean: z.number(),
  lower: z.record(z.string(), z.number()),
  upper: z.record(z.string(), z.number()),
});

export const productForecastResponseSchema = z.object({
  product: productSchema,
  interval: z.enum(["week", "month", "quarter", "year"]),
  series: z.array(seriesPointSchema),
  /** Complete periods the model was fitted on. */
  fittedOn: z.object({ first: z.string().nullable(), last: z.string().nullable(), points: z.number().int() }),
  model: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  forecast: z.array(forecastPointSchema),
  notes: z.array(z.string()),
  provenance: provenanceSchema,
});

/**
 * One assessed period. `upperBound` is the alarm threshold in counts (EARS, Farrington), or for
 * S-H-ESD the bound of the ESD step that tested the period (null for periods never tested, whose
 * `critical` is null too). The method's own figures are optional fields.
 */
export const assessedPeriodSchema = z.object({
  index: z.number().int().nonnegative(),
  period: z.string().optional(),
  observed: z.number(),
  expected: z.number(),
  upperBound: z.number().nullable(),
  alarm: z.boolean(),
  score: z.number().nullable(),
  // EARS
  sigma: z.number().optional(),
  carried: z.number().nullable().optional(),
  statistic: z.number().nullable().optional(),
  // Farrington
  phi: z.number().optional(),
  trendFitted: z.boolean().optional(),
  limit54Suppressed: z.boolean().optional(),
  // S-H-ESD
  lowerBound: z.number().nullable().optional(),
  residual: z.number().optional(),
  step: z.number().int().nullable().optional(),
  critical: z.number().nullable().optional(),
  significant: z.boolean().optional(),
});

export const anomalyPointSchema = assessedPeriodSchema.extend({ method: z.string() });

const paramValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** What every spike answer says about how it was computed. */
export const spikeMethodFieldsSchema = {
  method: z.string(),
  /** The parameters as they ran: send them back as `params` to repeat the analysis. */
  parameters: z.record(z.string(), paramValueSchema),
  /** Per parameter: "request", "default: …" (with its source) or "derived: …" (with the rule). */
  parameterSources: z.record(z.string(), z.string()),
  settings: z.record(z.string(), z.union([paramValueSchema, z.array(z.number())])),
  assessments: z.array(assessedPeriodSchema),
  anomalies: z.array(anomalyPointSchema),
  notes: z.array(z.string()),
};

export const productAnomaliesResponseSchema = z.object({
  product: productSchema,
  interval: z.enum(["week", "month", "quarter", "year"]),
  series: z.array(seriesPointSchema),
  ...spikeMethodFieldsSchema,
  provenance: provenanceSchema,
});

export type ProductForecastResponse = z.infer<typeof productForecastResponseSchema>;
export type ProductAnomaliesResponse = z.infer<typeof productAnomaliesResponseSchema>;
export type AnomalyPoint = z.infer<typeof anomalyPointSchema>;
export type AssessedPeriodPoint = z.infer<typeof assessedPeriodSchema>;
export type ForecastPoint = z.infer<typeof forecastPointSchema>;
