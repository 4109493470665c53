// POST /api/analytics/forecast – ETS forecast with prediction intervals for a posted series (analytics:read — viewer, analyst, admin)
import { ForecastInputError, forecastSeries } from "@/lib/analytics/forecast";
import { jsonResponse } from "@/lib/api/respond";
import { runWithInputErrors } from "@/lib/api/rethrow-input-error";
import { withApi } from "@/lib/api/with-api";
import { forecastBodySchema } from "@/lib/schemas/analytics";

export const POST = withApi({ route: "POST /api/analytics/forecast", permission: "analytics:read", body: forecastBodySchema }, async ({ body }) => {
  const result = runWithInputErrors(
    () => forecastSeries({ values: body.series.values, frequency: body.frequency, horizon: body.horizon, levels: body.levels, seed: body.seed }),
    [ForecastInputError],
  );
  return jsonResponse({ ...result, frequency: body.frequency, horizon: body.horizon, levels: body.levels }, { headers: { "cache-control": "no-store" } });
});
