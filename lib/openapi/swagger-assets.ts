import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

// The Swagger UI files /docs loads, served from node_modules/swagger-ui-dist (no CDN). Only these two;
// next.config.mjs traces them into the standalone build (outputFileTracingIncludes). Each path is a
// literal so the bundler's file tracing sees exactly these files (a computed path traces the whole project).

export const SWAGGER_ASSETS = {
  "swagger-ui-bundle.js": {
    contentType: "text/javascript; charset=utf-8",
    read: () => readFile(path.join(process.cwd(), "node_modules/swagger-ui-dist/swagger-ui-bundle.js")),
  },
  "swagger-ui.css": {
    contentType: "text/css; charset=utf-8",
    read: () => readFile(path.join(process.cwd(), "node_modules/swagger-ui-dist/swagger-ui.css")),
  },
} as const;

export type SwaggerAssetName = keyof typeof SWAGGER_ASSETS;

export function isSwaggerAsset(name: string): name is SwaggerAssetName {
  return Object.hasOwn(SWAGGER_ASSETS, name);
}

const loaded = new Map<SwaggerAssetName, Promise<Uint8Array>>();

/** The file's bytes, read once per process (1.7 MB for the bundle). */
export function readSwaggerAsset(name: SwaggerAssetName): Promise<Uint8Array> {
  let bytes = loaded.get(name);
  if (bytes === undefined) {
    bytes = SWAGGER_ASSETS[name].read();
    // A failed read is not kept: the next request tries again.
    bytes.catch(() => loaded.delete(name));
    loaded.set(name, bytes);
  }
  return bytes;
}
