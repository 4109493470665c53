// GET /api/faers/forecast – forecast of a product's report counts with prediction intervals (analytics:read — viewer, analyst, admin)
import { cachedJson } from "@/lib/api/cached-json";
import { withApi } from "@/lib/api/with-api";
import { askOfUser, getForecast } from "@/lib/pipeline";
import { productForecastQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/forecast", permission: "analytics:read", query: productForecastQuerySchema },
  async ({ query, principal }) => cachedJson(await getForecast(query, askOfUser(principal))),
);
