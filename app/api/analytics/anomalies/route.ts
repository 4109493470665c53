// POST /api/analytics/anomalies – spike detection (EARS, Farrington-flexible, S-H-ESD) on a posted series (analytics:read — viewer, analyst, admin)
import { AnomalyInputError, detectAnomalies } from "@/lib/analytics/anomalies";
import { jsonResponse } from "@/lib/api/respond";
import { runWithInputErrors } from "@/lib/api/rethrow-input-error";
import { withApi } from "@/lib/api/with-api";
import { budgetAnomalyMethod } from "@/lib/pipeline/anomaly-method-budget";
import { anomaliesBodySchema } from "@/lib/schemas/analytics";

export const POST = withApi({ route: "POST /api/analytics/anomalies", permission: "analytics:read", body: anomaliesBodySchema }, async ({ body }) => {
  const { values, periods } = body.series;
  const { method, note } = budgetAnomalyMethod(body.method, values.length);
  const result = runWithInputErrors(() => detectAnomalies({ values, frequency: body.frequency, method }), [AnomalyInputError]);
  const notes = note ? [note, ...result.notes] : result.notes;
  return jsonResponse(
    { ...result, notes, anomalies: result.anomalies.map((a) => ({ ...a, ...(periods ? { period: periods[a.index] } : {}) })) },
    { headers: { "cache-control": "no-store" } },
  );
});
