import { z } from "zod";
import { anomaliesBodySchema, disproportionalityBodySchema, disproportionalityQuerySchema, forecastBodySchema } from "@/lib/schemas/analytics";
import {
  disproportionalityResponseSchema,
  normalizeResponseSchema,
  postedAnomaliesResponseSchema,
  postedForecastResponseSchema,
} from "@/lib/schemas/api-responses";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const TAG = "Analytics on your data";
const ANALYTICS_ERRORS = ["payload_too_large", "unsupported_media_type"] as const;

export const ANALYTICS_OPERATIONS: OperationSpec[] = [
  {
    route: "POST /api/analytics/normalize",
    tag: TAG,
    summary: "Normalize openFDA event JSON, or FAERS quarterly ASCII files, into case reports",
    description: "Send openFDA JSON (`application/json`), or the FAERS files as `multipart/form-data` fields. At most 50 MB.",
    query: z.strictObject({ kind: z.enum(["drug", "device"]).optional() }),
    body: {
      contentType: "application/json",
      schema: { description: "An openFDA drug/event or device/event answer, or its `results` array." },
      example: { results: [{ safetyreportid: "10000001", receivedate: "20240105", patient: { drug: [{ medicinalproduct: "LETAIRIS" }], reaction: [{ reactionmeddrapt: "DYSPNOEA" }] } }] },
    },
    responses: { 200: { description: "The normalized reports and the data-quality rules applied.", body: json(normalizeResponseSchema) } },
    errors: [...ANALYTICS_ERRORS],
  },
  {
    route: "POST /api/analytics/forecast",
    tag: TAG,
    summary: "ETS forecast with prediction intervals for a posted series",
    body: json(forecastBodySchema, { series: { values: [3, 5, 4, 6, 7, 5, 8, 9, 7, 10, 11, 9] }, frequency: 12, horizon: 6, levels: [80, 95] }),
    responses: { 200: { description: "The selected model and its forecast.", body: json(postedForecastResponseSchema) } },
    errors: [...ANALYTICS_ERRORS],
  },
  {
    route: "POST /api/analytics/anomalies",
    tag: TAG,
    summary: "Spike detection on a posted series",
    body: json(anomaliesBodySchema, { series: { values: [3, 4, 3, 5, 4, 3, 20, 4] }, frequency: 52, method: "ears_c2" }),
    responses: { 200: { description: "Each period's assessment and the spikes found.", body: json(postedAnomaliesResponseSchema) } },
    errors: [...ANALYTICS_ERRORS],
  },
  {
    route: "POST /api/analytics/disproportionality",
    tag: TAG,
    summary: "PRR, χ², ROR and IC for 2×2 tables, or EBGM over report rows",
    description: "Send `{ tables: [{ a, b, c, d }] }` or `{ reports: [{ id, drug, event }] }` (up to 200,000 rows, 40 MB). Report rows are paged with `limit` and `offset`.",
    query: disproportionalityQuerySchema,
    body: json(disproportionalityBodySchema, { tables: [{ a: 20, b: 80, c: 100, d: 9800 }] }),
    responses: { 200: { description: "`results` per table, or the MGPS `prior` and ranked `pairs` for report rows.", body: json(disproportionalityResponseSchema) } },
    errors: [...ANALYTICS_ERRORS],
  },
];
