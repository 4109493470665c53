import type { z } from "zod";
import { zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { personalTokenSchema, publicUserSchema } from "@/lib/schemas/accounts";
import { alertRecordSchema, findingSchema } from "@/lib/schemas/alerts";
import { productAnomaliesResponseSchema, productForecastResponseSchema } from "@/lib/schemas/analytics-response";
import { errorBodySchema } from "@/lib/schemas/api-errors";
import { reportViewSchema, watchlistViewSchema } from "@/lib/schemas/api-responses";
import { auditEntrySchema } from "@/lib/schemas/audit";
import { caseReportSchema, dataQualitySchema, deviceReportSchema } from "@/lib/schemas/case-report";
import {
  casesResponseSchema,
  healthResponseSchema,
  provenanceSchema,
  reactionsResponseSchema,
  seriesPointSchema,
  summaryResponseSchema,
  trendResponseSchema,
} from "@/lib/schemas/faers-response";
import { readyResponseSchema } from "@/lib/schemas/operations";
import { reportRecordSchema } from "@/lib/schemas/reports";
import { signalsResponseSchema } from "@/lib/schemas/signals-response";
import { taskRecordSchema } from "@/lib/jobs/task-record";

/** Schemas that get a name under components/schemas, so every use of them becomes a $ref. */
const COMPONENTS: [string, z.ZodType][] = [
  ["ErrorBody", errorBodySchema],
  ["Provenance", provenanceSchema],
  ["SeriesPoint", seriesPointSchema],
  ["TrendResponse", trendResponseSchema],
  ["ReactionsResponse", reactionsResponseSchema],
  ["SummaryResponse", summaryResponseSchema],
  ["CaseReport", caseReportSchema],
  ["DeviceReport", deviceReportSchema],
  ["DataQuality", dataQualitySchema],
  ["CasesResponse", casesResponseSchema],
  ["ProductForecastResponse", productForecastResponseSchema],
  ["ProductAnomaliesResponse", productAnomaliesResponseSchema],
  ["SignalsResponse", signalsResponseSchema],
  ["HealthResponse", healthResponseSchema],
  ["ReadyResponse", readyResponseSchema],
  ["PublicUser", publicUserSchema],
  ["PersonalToken", personalTokenSchema],
  ["AuditEntry", auditEntrySchema],
  ["ReportRecord", reportRecordSchema],
  ["ReportView", reportViewSchema],
  ["TaskRecord", taskRecordSchema],
  ["Finding", findingSchema],
  ["AlertRecord", alertRecordSchema],
  ["WatchlistView", watchlistViewSchema],
];

/**
 * Names the schemas on the library's own metadata registry, on the very instances lib/schemas exports.
 * `registry.register()` and `.openapi(name)` would return renamed copies (and `.openapi` needs zod's
 * prototype patched before any schema is built), so the nested uses of the originals would stay inline.
 */
export function nameComponents(): void {
  for (const [name, schema] of COMPONENTS) {
    const current = zodToOpenAPIRegistry.get(schema);
    zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current?._internal, refId: name } });
  }
}
