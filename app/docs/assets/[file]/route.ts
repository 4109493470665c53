// GET /docs/assets/{file} – Swagger UI's script and stylesheet for /docs, from swagger-ui-dist; anything else is a JSON 404 (public)
import { pathParam } from "@/lib/api/path-param";
import { errorResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { isSwaggerAsset, readSwaggerAsset, SWAGGER_ASSETS } from "@/lib/openapi/swagger-assets";
import swaggerUiPackage from "swagger-ui-dist/package.json";

// The files change only with the package version, which names them in the ETag.
const ETAG = `"swagger-ui-dist-${swaggerUiPackage.version}"`;

export const GET = withApi({ route: "GET /docs/assets/[file]", permission: "public" }, async ({ req, params }) => {
  const name = pathParam(params, "file");
  if (!isSwaggerAsset(name)) return errorResponse("not_found", `No docs asset ${name}.`);
  const headers = { etag: ETAG, "cache-control": "public, max-age=86400" };
  if (req.headers.get("if-none-match") === ETAG) return new Response(null, { status: 304, headers });
  const bytes = await readSwaggerAsset(name);
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { ...headers, "content-type": SWAGGER_ASSETS[name].contentType } });
});
