import { z } from "zod";
import { AGE_BAND_IDS } from "@/lib/analytics/age-bands";
import { anomalyParamsInputSchema, parseQueryParamValue, refineAnomalyParams } from "@/lib/schemas/anomaly-params";
import { reactionOutcomeSchema, reporterQualificationSchema, seriousnessFlagSchema, sexSchema } from "@/lib/schemas/case-report";

// Query-string schemas for /api/faers/*. Every value a user sends is checked here first; the openFDA
// query builder checks product names again before they reach a query.

const MAX_NAME = 200;

const productName = (label: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${label} must not be empty` })
    .max(MAX_NAME, { message: `${label} must be at most ${MAX_NAME} characters` });

/** YYYY-MM-DD or YYYYMMDD, a real calendar date, returned as YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-?\d{2}-?\d{2}$/, { message: "must be a date like 2024-01-31" })
  .transform((value, ctx) => {
    const digits = value.replaceAll("-", "");
    const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
      ctx.addIssue({ code: "custom", message: `${value} is not a calendar date` });
      return z.NEVER;
    }
    if (iso < "1900-01-01" || iso > "2999-12-31") {
      ctx.addIssue({ code: "custom", message: "must be between 1900-01-01 and 2999-12-31" });
      return z.NEVER;
    }
    return iso;
  });

const booleanString = z.enum(["true", "false"], { message: 'must be "true" or "false"' }).transform((v) => v === "true");

export const drugMatchSchema = z.enum(["any", "generic", "brand", "substance"]);
export const deviceEventTypeFilterSchema = z.enum(["death", "injury", "malfunction", "other"]);
export const intervalSchema = z.enum(["week", "month", "quarter", "year"], { message: 'must be "week", "month", "quarter" or "year"' });

const DRUG_ONLY_FILTERS = ["match", "sex", "ageBand", "serious", "seriousness", "outcome", "country", "reporter"] as const;

const productFilterShape = {
  drug: productName("drug").optional(),
  device: productName("device").optional(),
  productCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, { message: "productCode must be a 3-letter FDA device product code, e.g. LWS" })
    .transform((v) => v.toUpperCase())
    .optional(),
  match: drugMatchSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  sex: sexSchema.optional(),
  ageBand: z.enum(AGE_BAND_IDS).optional(),
  serious: booleanString.optional(),
  seriousness: seriousnessFlagSchema.optional(),
  outcome: reactionOutcomeSchema.optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: "country must be a 2-letter ISO code, e.g. US" })
    .transform((v) => v.toUpperCase())
    .optional(),
  reporter: reporterQualificationSchema.exclude(["unknown"]).optional(),
  eventType: deviceEventTypeFilterSchema.optional(),
};

type ProductFilterInput = { [K in keyof typeof productFilterShape]?: z.infer<(typeof productFilterShape)[K]> };

export function checkProductFilters(value: ProductFilterInput, ctx: z.RefinementCtx): void {
  const given = (["drug", "device", "productCode"] as const).filter((k) => value[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: given.length === 0 ? ["drug"] : [given[1] ?? "drug"],
      message:
        given.length === 0
          ? "give one product: drug=<name>, device=<name> or productCode=<3 letters>"
          : `give only one of drug, device and productCode (got ${given.join(", ")})`,
    });
  }
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `from (${value.from}) must not be after to (${value.to})` });
  }
  if (value.drug === undefined && given.length === 1) {
    for (const key of DRUG_ONLY_FILTERS) {
      if (value[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `${key} applies to drug reports only; remove it for device queries` });
      }
    }
  }
  if (value.drug !== undefined && value.eventType !== undefined) {
    ctx.addIssue({ code: "custom", path: ["eventType"], message: "eventType applies to device reports only" });
  }
}

export const productFilterObject = z.strictObject(productFilterShape, {
  error: (issue) =>
    issue.code === "unrecognized_keys" ? `unknown parameter(s): ${issue.keys.join(", ")}` : undefined,
});

export const productFilterSchema = productFilterObject.superRefine(checkProductFilters);

export const trendQuerySchema = productFilterObject
  .extend({ interval: intervalSchema.default("month") })
  .superRefine(checkProductFilters);

export const reactionsQuerySchema = productFilterObject
  .extend({
    top: z.coerce
      .number({ message: "top must be a whole number from 1 to 1000" })
      .int({ message: "top must be a whole number from 1 to 1000" })
      .min(1, { message: "top must be at least 1" })
      .max(1000, { message: "top must be at most 1000 (openFDA counts return the top 1000 terms)" })
      .default(25),
  })
  .superRefine(checkProductFilters);

export const summaryQuerySchema = productFilterSchema;

export const casesQuerySchema = productFilterObject
  .extend({
    limit: z.coerce
      .number({ message: "limit must be a whole number from 1 to 100" })
      .int({ message: "limit must be a whole number from 1 to 100" })
      .min(1, { message: "limit must be at least 1" })
      .max(100, { message: "limit must be at most 100" })
      .default(25),
    cursor: z
      .string()
      .max(1000, { message: "cursor is too long; use the nextCursor value from the previous page" })
      .optional(),
  })
  .superRefine(checkProductFilters);

export type ProductFilter = z.infer<typeof productFilterSchema>;
export type Interval = z.infer<typeof intervalSchema>;
export type TrendQuery = z.infer<typeof trendQuerySchema>;
export type ReactionsQuery = z.infer<typeof reactionsQuerySchema>;
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
export type CasesQuery = z.infer<typeof casesQuerySchema>;

const levelsParam = z
  .string()
  .regex(/^\d{1,2}(\.\d+)?(,\d{1,2}(\.\d+)?){0,4}$/, { message: 'levels must be up to 5 percentages separated by commas, e.g. "80,95"' })
  .transform((v) => [...new Set(v.split(",").map(Number))].sort((a, b) => a - b))
  .refine((levels) => levels.every((l) => l > 0 && l < 100), { message: "levels must be between 0 and 100" });

export const productForecastQuerySchema = productFilterObject
  .extend({
    interval: intervalSchema.default("month"),
    horizon: z.coerce
      .number({ message: "horizon must be a whole number from 1 to 60" })
      .int({ message: "horizon must be a whole number from 1 to 60" })
      .min(1, { message: "horizon must be at least 1" })
      .max(60, { message: "horizon must be at most 60" })
      .default(12),
    levels: levelsParam.default([80, 95]),
  })
  .superRefine(checkProductFilters);

/** `params.<name>=<value>` query keys gathered into one `params` object, values read as JSON scalars. */
function gatherSpikeParams(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const rest: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("params.") && typeof value === "string") params[key.slice("params.".length)] = parseQueryParamValue(value);
    else rest[key] = value;
  }
  return Object.keys(params).length > 0 ? { ...rest, params } : rest;
}

/** Product spikes: the product filters, interval, method, and the method's `params.<name>` (see anomaly-params). */
export const productAnomaliesQuerySchema = z.preprocess(
  gatherSpikeParams,
  productFilterObject
    .extend({
      interval: intervalSchema.default("month"),
      method: z.enum(["auto", "ears_c1", "ears_c2", "ears_c3", "farrington", "shesd"]).default("auto"),
      params: anomalyParamsInputSchema.optional(),
    })
    .superRefine((value, ctx) => {
      checkProductFilters(value, ctx);
      refineAnomalyParams(value.method, value.params, ctx);
    }),
);

export const signalsQuerySchema = productFilterObject
  .extend({
    top: z.coerce
      .number({ message: "top must be a whole number from 1 to 100" })
      .int({ message: "top must be a whole number from 1 to 100" })
      .min(1, { message: "top must be at least 1" })
      .max(100, { message: "top must be at most 100" })
      .default(25),
  })
  .superRefine((value, ctx) => {
    checkProductFilters(value, ctx);
    if (value.drug === undefined) {
      ctx.addIssue({ code: "custom", path: ["drug"], message: "signals are computed for drugs: give drug=<name>" });
    }
  });

export type ProductForecastQuery = z.infer<typeof productForecastQuerySchema>;
export type ProductAnomaliesQuery = z.infer<typeof productAnomaliesQuerySchema>;
export type SignalsQuery = z.infer<typeof signalsQuerySchema>;
