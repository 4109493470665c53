import { getEnv } from "@/lib/env";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/build-document";
import { APP_VERSION } from "@/lib/version";

let cached: { publicUrl: string | undefined; json: string } | undefined;

/** The document as JSON text, built once per process (and again only if AUTH_URL changes, as tests do). */
export function openApiDocumentJson(): string {
  const publicUrl = getEnv().AUTH_URL;
  if (cached === undefined || cached.publicUrl !== publicUrl) {
    cached = { publicUrl, json: JSON.stringify(buildOpenApiDocument({ publicUrl, version: APP_VERSION })) };
  }
  return cached.json;
}

export type { OpenApiDocument };
