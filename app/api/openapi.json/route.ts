// GET /api/openapi.json – the API's OpenAPI 3.1 document, generated from the zod schemas in lib/schemas; browse it at /docs (public)
import { jsonTextResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { openApiDocumentJson } from "@/lib/openapi/document";

export const GET = withApi({ route: "GET /api/openapi.json", permission: "public" }, async () =>
  // The same for everyone and until the next deploy: shared caches may keep it a few minutes.
  jsonTextResponse(openApiDocumentJson(), { headers: { "cache-control": "public, max-age=300" } }),
);
