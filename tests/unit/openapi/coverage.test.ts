// Every route handler under app/api is an operation of the API document, and the document lists no
// operation the permission table does not have (the route-table test ties that table to app/ in turn).
// A new route without an operation fails here.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ROUTE_PERMISSIONS } from "@/lib/auth/route-permissions";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";

const API_DIR = path.resolve(import.meta.dirname, "../../../app/api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** app/api/reports/[id]/route.ts → /api/reports/{id}; [...path] → {path}; route groups "(x)" vanish. */
function documentPathOf(file: string): string {
  const segments = path
    .relative(API_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"));
  return ["/api", ...segments].join("/");
}

const documented = new Set(
  Object.entries(buildOpenApiDocument({ publicUrl: undefined, version: "0" }).paths ?? {}).flatMap(([p, item]) =>
    Object.keys(item as object)
      .filter((m) => (METHODS as readonly string[]).includes(m.toUpperCase()))
      .map((m) => `${m.toUpperCase()} ${p}`),
  ),
);
const routeFiles = walk(API_DIR).filter((f) => /[\\/]route\.(ts|tsx)$/.test(f));

describe("every route under app/api is in the document", () => {
  test("there are routes to check", () => {
    expect(routeFiles.length).toBeGreaterThan(25);
  });

  for (const file of routeFiles) {
    const docPath = documentPathOf(file);
    test(`${docPath}: each exported method is an operation`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => m in mod);
      expect(exported.length).toBeGreaterThan(0);
      const missing = exported.map((m) => `${m} ${docPath}`).filter((key) => !documented.has(key));
      expect(missing, "routes with no operation in lib/openapi/operations").toEqual([]);
    });
  }
});

test("the document has no operation without a route in the permission table", () => {
  const tableRoutes = new Set(
    Object.keys(ROUTE_PERMISSIONS)
      .filter((key) => /^[A-Z]+ \/api/.test(key))
      .map((key) => key.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}")),
  );
  expect([...documented].filter((key) => !tableRoutes.has(key))).toEqual([]);
  expect([...tableRoutes].filter((key) => !documented.has(key)), "table routes missing from the document").toEqual([]);
});
