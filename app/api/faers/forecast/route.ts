// GET /api/faers/forecast – forecast of a product's report counts with prediction intervals (analytics:read — viewer, analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { getProductForecast } from "@/lib/pipeline/get-product-forecast";
import { productForecastQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/forecast", permission: "analytics:read", query: productForecastQuerySchema },
  async ({ query }) => {
    const { body, cache } = await getProductForecast(query);
    return jsonResponse(body, { headers: { "x-cache": cache } });
  },
);
