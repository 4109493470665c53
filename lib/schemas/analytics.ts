import { z } from "zod";
import { MAX_SERIES_LENGTH, MAX_SHESD_SERIES_LENGTH } from "@/lib/analytics/anomalies";
import { anomalyParamsInputSchema, refineAnomalyParams } from "@/lib/schemas/anomaly-params";

// Request schemas for POST /api/analytics/*. Limits: series ≤ 5,000 finite non-negative points
// (spike detection with shesd: 20,000), horizon 1–60, report-level contingency sets ≤ 200,000 rows.

export const MAX_SERIES_POINTS = MAX_SERIES_LENGTH;
export const MAX_REPORT_ROWS = 200_000;
export const MAX_TABLES = 10_000;
/** Pairs per report-rows answer: the default, and the most `limit` may ask for. */
export const DEFAULT_PAIR_LIMIT = 5000;
export const MAX_PAIR_LIMIT = 20_000;

const count = z
  .number({ message: "each count must be a number" })
  .finite({ message: "each count must be finite" })
  .nonnegative({ message: "counts cannot be negative" });

/** `[3, 5, 0, …]` or `[{ period: "2024-01", count: 3 }, …]`, normalized to values (+ periods). */
const seriesOfAtMost = (maxPoints: number) => z
  .union([
    z.array(count),
    z.array(z.strictObject({ period: z.string().min(1).max(40), count })),
  ], { message: "series must be an array of counts or of { period, count } objects" })
  .refine((s) => s.length >= 1, { message: "series must have at least one point" })
  .refine((s) => s.length <= maxPoints, { message: `series must have at most ${maxPoints} points` })
  .transform((s) =>
    typeof s[0] === "number" || s.length === 0
      ? { values: s as number[], periods: null }
      : { values: (s as { count: number }[]).map((p) => p.count), periods: (s as { period: string }[]).map((p) => p.period) },
  );

export const seriesInputSchema = seriesOfAtMost(MAX_SERIES_POINTS);

export const frequencySchema = z.union([z.literal(1), z.literal(4), z.literal(12), z.literal(52)], {
  message: "frequency must be 1 (yearly), 4 (quarterly), 12 (monthly) or 52 (weekly)",
});

export const forecastBodySchema = z.strictObject({
  series: seriesInputSchema,
  frequency: frequencySchema,
  horizon: z.number().int({ message: "horizon must be a whole number" }).min(1, { message: "horizon must be at least 1" }).max(60, { message: "horizon must be at most 60" }),
  levels: z
    .array(z.number().gt(0, { message: "levels are percentages above 0" }).lt(100, { message: "levels are percentages below 100" }))
    .min(1)
    .max(5, { message: "give at most 5 levels" })
    .default([80, 95]),
  seed: z.number().int().nonnegative().optional(),
});

export const anomalyMethodSchema = z.enum(["auto", "ears_c1", "ears_c2", "ears_c3", "farrington", "shesd"]);

/**
 * `{ series, frequency, method, params }`: params are the named method's (lib/schemas/anomaly-params.ts).
 * shesd takes up to 20,000 points and may give `params.period` instead of a frequency.
 */
export const anomaliesBodySchema = z
  .strictObject({
    series: seriesOfAtMost(MAX_SHESD_SERIES_LENGTH),
    frequency: frequencySchema.optional(),
    method: anomalyMethodSchema.default("auto"),
    params: anomalyParamsInputSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const points = body.series.values.length;
    if (body.method !== "shesd" && points > MAX_SERIES_POINTS) {
      ctx.addIssue({ code: "custom", path: ["series"], message: `series has ${points} points; ${body.method} takes at most ${MAX_SERIES_POINTS} (shesd takes up to ${MAX_SHESD_SERIES_LENGTH})` });
    }
    const period = body.params?.period;
    if (body.frequency === undefined && !(body.method === "shesd" && typeof period === "number")) {
      ctx.addIssue({ code: "custom", path: ["frequency"], message: "frequency is required: 1 (yearly), 4 (quarterly), 12 (monthly) or 52 (weekly); shesd may give params.period instead" });
    }
    refineAnomalyParams(body.method, body.params, ctx);
  });

const cell = z.number().int({ message: "cells must be whole numbers of reports" }).nonnegative({ message: "cells cannot be negative" });

const tablesSchema = z
  .array(z.strictObject({ a: cell, b: cell, c: cell, d: cell }))
  .min(1, { message: "tables must hold at least one { a, b, c, d }" })
  .max(MAX_TABLES, { message: `at most ${MAX_TABLES} tables per request` });

const reportsSchema = z
  .array(
    z.strictObject({
      id: z.union([z.string().min(1).max(100), z.number()]).transform(String),
      drug: z.string().trim().min(1).max(200),
      event: z.string().trim().min(1).max(200),
    }),
  )
  .min(1, { message: "reports must hold at least one { id, drug, event }" })
  .max(MAX_REPORT_ROWS, { message: `at most ${MAX_REPORT_ROWS} report rows per request` });

// One object with exactly one of the two keys, so errors point at the exact cell or row at fault.
export const disproportionalityBodySchema = z
  .strictObject({ tables: tablesSchema.optional(), reports: reportsSchema.optional() }, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? "send either { tables: [{ a, b, c, d }] } or { reports: [{ id, drug, event }] }" : undefined,
  })
  .superRefine((body, ctx) => {
    if ((body.tables === undefined) === (body.reports === undefined)) {
      ctx.addIssue({ code: "custom", message: "send either { tables: [{ a, b, c, d }] } or { reports: [{ id, drug, event }] }, not both or neither" });
    }
  })
  .transform(
    (body): { tables: z.output<typeof tablesSchema> } | { reports: z.output<typeof reportsSchema> } =>
      body.tables !== undefined ? { tables: body.tables } : { reports: body.reports ?? [] },
  );

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number from ${min} to ${max}` })
    .int({ message: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { message: `${name} must be at least ${min}` })
    .max(max, { message: `${name} must be at most ${max}` });

/** `?limit=&offset=` of POST /api/analytics/disproportionality: one page of the ranked pairs. */
export const disproportionalityQuerySchema = z.strictObject({
  limit: wholeNumber("limit", 1, MAX_PAIR_LIMIT).default(DEFAULT_PAIR_LIMIT),
  offset: wholeNumber("offset", 0, MAX_REPORT_ROWS * 10).default(0),
});

export type SeriesInput = z.infer<typeof seriesInputSchema>;
export type ForecastBody = z.infer<typeof forecastBodySchema>;
export type AnomaliesBody = z.infer<typeof anomaliesBodySchema>;
export type DisproportionalityBody = z.infer<typeof disproportionalityBodySchema>;
