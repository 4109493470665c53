// POST /api/analytics/forecast – ETS forecast with prediction intervals for a posted series (analytics:read — viewer, analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { forecastBodySchema } from "@/lib/schemas/analytics";
import { runAnalytics } from "@/lib/workers/analytics-pool";

export const POST = withApi({ route: "POST /api/analytics/forecast", permission: "analytics:read", body: forecastBodySchema }, async ({ body }) => {
  // ETS selection over several models: CPU-bound, so on the worker pool (bad series come back as 400s).
  const result = await runAnalytics("forecast", {
    values: body.series.values,
    frequency: body.frequency,
    horizon: body.horizon,
    levels: body.levels,
    ...(body.seed === undefined ? {} : { seed: body.seed }),
  });
  return jsonResponse({ ...result, frequency: body.frequency, horizon: body.horizon, levels: body.levels }, { headers: { "cache-control": "no-store" } });
});
