// Every route in app/ — route handlers and pages — and every server action has an entry in the
// permission table, declares the same permission in code, and the table has no entry without a route.
// A new route or action without an entry fails here (and so CI).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ROUTE_PERMISSIONS } from "@/lib/auth/route-permissions";

const APP_DIR = path.resolve(import.meta.dirname, "../../../app");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** app/api/faers/trend/route.ts → /api/faers/trend; route groups "(x)" do not appear in the URL. */
function urlPathOf(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

const files = walk(APP_DIR);
const routeFiles = files.filter((f) => /[\\/]route\.(ts|tsx)$/.test(f));
const pageFiles = files.filter((f) => /[\\/]page\.(ts|tsx)$/.test(f));
const tableKeys = Object.keys(ROUTE_PERMISSIONS) as (keyof typeof ROUTE_PERMISSIONS)[];

describe("route handlers", () => {
  test("there are route handlers to check", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  for (const file of routeFiles) {
    const urlPath = urlPathOf(file);
    test(`${urlPath}: every exported method is in the table and declares the table's permission`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => m in mod);
      expect(exported.length).toBeGreaterThan(0);
      for (const method of exported) {
        const key = `${method} ${urlPath}`;
        expect(ROUTE_PERMISSIONS, `missing table entry for ${key}`).toHaveProperty([key]);
        const handler = mod[method] as { route?: string; permission?: string };
        // Only handlers built by withApi carry a declaration: a bare handler fails here.
        expect(handler.route, `${key} is not wrapped by withApi`).toBe(key);
        expect(handler.permission).toBe(ROUTE_PERMISSIONS[key as keyof typeof ROUTE_PERMISSIONS]);
      }
    });
  }
});

describe("pages", () => {
  for (const file of pageFiles) {
    const key = `PAGE ${urlPathOf(file)}` as keyof typeof ROUTE_PERMISSIONS;
    test(`${key} is in the table and checks its permission itself`, () => {
      expect(ROUTE_PERMISSIONS, `missing table entry for ${key}`).toHaveProperty([key]);
      const source = readFileSync(file, "utf8");
      const permission = ROUTE_PERMISSIONS[key];
      if (permission === "public") {
        expect(source.split("\n")[0], "a public page says so in its header comment").toMatch(/\(public\b/);
        expect(source).not.toContain("requirePagePermission(");
      } else {
        expect(source).toContain(`requirePagePermission("${permission}"`);
      }
    });
  }
});

const SOURCE_ROOTS = ["app", "components", "lib"].map((d) => path.resolve(APP_DIR, "..", d));
/** Files with a "use server" directive, module-level or inside a function: each export is an endpoint. */
const serverActionFiles = SOURCE_ROOTS.flatMap(walk)
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
const actionKeys = tableKeys.filter((key) => key.startsWith("ACTION "));

describe("server actions", () => {
  test("there are server actions to check, and table entries for them", () => {
    expect(serverActionFiles.length).toBeGreaterThan(0);
    expect(actionKeys.length).toBeGreaterThan(0);
  });

  for (const file of serverActionFiles) {
    const name = path.relative(path.resolve(APP_DIR, ".."), file);
    test(`${name}: the directive opens the module, and every export is built by the action client and listed in the table`, async () => {
      // A function-level "use server" (an inline action) would be an endpoint the client never sees.
      expect(readFileSync(file, "utf8"), "\"use server\" must be the module's first statement").toMatch(/^(\s*\/\/[^\n]*\n)*\s*["']use server["'];?\s*\n/);
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.entries(mod);
      expect(exported.length).toBeGreaterThan(0);
      for (const [exportName, value] of exported) {
        const action = value as { actionName?: string; permission?: string };
        // Only functions made by defineAction (lib/actions/action-client.ts) carry a declaration.
        expect(typeof value, exportName).toBe("function");
        expect(action.actionName, `${exportName} is not built by the action client`).toEqual(expect.any(String));
        const key = `ACTION ${action.actionName}`;
        expect(ROUTE_PERMISSIONS, `missing table entry for ${key}`).toHaveProperty([key]);
        expect(action.permission).toBe(ROUTE_PERMISSIONS[key as keyof typeof ROUTE_PERMISSIONS]);
      }
    });
  }

  test("every ACTION entry in the table has exactly one action", async () => {
    const defined: string[] = [];
    for (const file of serverActionFiles) {
      for (const value of Object.values((await import(file)) as Record<string, { actionName?: string }>)) defined.push(`ACTION ${value.actionName}`);
    }
    expect([...defined].sort()).toEqual([...actionKeys].sort());
  });
});

test("the table lists no route, page or action that does not exist", () => {
  const routeKeys = new Set<string>();
  for (const file of routeFiles) {
    const source = readFileSync(file, "utf8");
    for (const method of METHODS) {
      if (new RegExp(`export (const|async function) ${method}\\b`).test(source)) routeKeys.add(`${method} ${urlPathOf(file)}`);
    }
  }
  for (const file of pageFiles) routeKeys.add(`PAGE ${urlPathOf(file)}`);
  for (const file of serverActionFiles) {
    for (const match of readFileSync(file, "utf8").matchAll(/actionName: "([^"]+)"/g)) routeKeys.add(`ACTION ${match[1]}`);
  }
  expect(tableKeys.filter((key) => !routeKeys.has(key))).toEqual([]);
});

test("every permission in the table exists", () => {
  for (const key of tableKeys) expect(Object.keys(PERMISSIONS)).toContain(ROUTE_PERMISSIONS[key]);
});
