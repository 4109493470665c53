// POST /api/analytics/anomalies – spike detection (EARS, Farrington-flexible, S-H-ESD) on a posted series (analytics:read — viewer, analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { budgetAnomalyMethod } from "@/lib/pipeline/anomaly-method-budget";
import { anomaliesBodySchema } from "@/lib/schemas/analytics";
import { runAnalytics } from "@/lib/workers/analytics-pool";

export const POST = withApi({ route: "POST /api/analytics/anomalies", permission: "analytics:read", body: anomaliesBodySchema }, async ({ body }) => {
  const { values, periods } = body.series;
  const { method, note } = budgetAnomalyMethod(body.method, values.length);
  // Farrington fits a GLM per period: up to seconds of CPU, so it runs on the worker pool.
  const result = await runAnalytics("anomalies", { values, frequency: body.frequency, method });
  const notes = note ? [note, ...result.notes] : result.notes;
  return jsonResponse(
    { ...result, notes, anomalies: result.anomalies.map((a) => ({ ...a, ...(periods ? { period: periods[a.index] } : {}) })) },
    { headers: { "cache-control": "no-store" } },
  );
});
