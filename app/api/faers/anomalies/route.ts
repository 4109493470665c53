// GET /api/faers/anomalies – spikes in a product's report counts (analytics:read — viewer, analyst, admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { getProductAnomalies } from "@/lib/pipeline/get-product-anomalies";
import { productAnomaliesQuerySchema } from "@/lib/schemas/faers-query";

export const GET = withApi(
  { route: "GET /api/faers/anomalies", permission: "analytics:read", query: productAnomaliesQuerySchema },
  async ({ query }) => {
    const { body, cache } = await getProductAnomalies(query);
    return jsonResponse(body, { headers: { "x-cache": cache } });
  },
);
