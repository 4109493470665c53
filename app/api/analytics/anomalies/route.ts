// POST /api/analytics/anomalies – spike detection (EARS, Farrington-flexible, S-H-ESD) on a posted series, with the method's params (analytics:read — viewer, analyst, admin)
import type { MethodParamsInput } from "@/lib/analytics/anomalies";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { budgetAnomalyMethod } from "@/lib/pipeline/anomaly-method-budget";
import { anomaliesBodySchema } from "@/lib/schemas/analytics";
import { runAnalytics } from "@/lib/workers/analytics-pool";

export const POST = withApi({ route: "POST /api/analytics/anomalies", permission: "analytics:read", body: anomaliesBodySchema }, async ({ body }) => {
  const { values, periods } = body.series;
  const { method, note } = budgetAnomalyMethod(body.method, values.length);
  // Farrington fits a GLM per period, S-H-ESD decomposes up to 20,000 points: seconds of CPU, so on the worker pool.
  const result = await runAnalytics("anomalies", { values, frequency: body.frequency, method, params: (body.params ?? {}) as MethodParamsInput });
  const withPeriod = <T extends { index: number }>(a: T) => (periods ? { ...a, period: periods[a.index] } : a);
  return jsonResponse(
    {
      ...result,
      notes: note ? [note, ...result.notes] : result.notes,
      assessments: result.assessments.map(withPeriod),
      anomalies: result.anomalies.map(withPeriod),
    },
    { headers: { "cache-control": "no-store" } },
  );
});
