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

export const anomalyPointSchema = z.object({
  index: z.number().int().nonnegative(),
  period: z.string().optional(),
  observed: z.number(),
  expected: z.number().nullable(),
  threshold: z.number().nullable(),
  score: z.number().nullable(),
  method: z.string(),
});

export const productAnomaliesResponseSchema = z.object({
  product: productSchema,
  interval: z.enum(["week", "month", "quarter", "year"]),
  series: z.array(seriesPointSchema),
  method: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  anomalies: z.array(anomalyPointSchema),
  notes: z.array(z.string()),
  provenance: provenanceSchema,
});

export type ProductForecastResponse = z.infer<typeof productForecastResponseSchema>;
export type ProductAnomaliesResponse = z.infer<typeof productAnomaliesResponseSchema>;
export type AnomalyPoint = z.infer<typeof anomalyPointSchema>;
export type ForecastPoint = z.infer<typeof forecastPointSchema>;
