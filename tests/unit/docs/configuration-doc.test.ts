import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { parseServerEnv, serverEnvSchema } from "@/lib/env";

// docs/configuration.md lists every variable lib/env.ts parses, names none it does not, and states
// the schema's defaults: a documented default, given as the value, parses to what unset parses to.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const doc = readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");
const OUTSIDE_HEADING = "## Read outside lib/env.ts";
const [schemaPart = "", outsidePart = ""] = doc.split(OUTSIDE_HEADING);

type Row = { name: string; cells: string[] };
/** Table rows whose first cell is one `VARIABLE`. */
function variableRows(markdown: string): Row[] {
  return markdown.split("\n").flatMap((line) => {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? "")?.[1];
    return name ? [{ name, cells }] : [];
  });
}

const schemaKeys = Object.keys(serverEnvSchema.shape).sort();
const rows = variableRows(schemaPart);
const unsetEnv = parseServerEnv({}) as Record<string, unknown>;

test("the doc has a section for variables read outside lib/env.ts", () => {
  expect(doc).toContain(OUTSIDE_HEADING);
});

test("every variable of lib/env.ts's schema has a row, and every row is a schema variable", () => {
  expect(schemaKeys.length).toBeGreaterThan(40);
  const documented = rows.map((r) => r.name);
  expect(documented.filter((n) => !schemaKeys.includes(n))).toEqual([]);
  expect(schemaKeys.filter((k) => !documented.includes(k))).toEqual([]);
  expect(documented.length, "a variable is listed twice").toBe(new Set(documented).size);
});

test("each row has a default, allowed values, what it does and production advice", () => {
  const short = rows.filter((r) => r.cells.length !== 5 || r.cells.some((c) => c === ""));
  expect(short.map((r) => r.name)).toEqual([]);
});

test("documented defaults are the schema's defaults", () => {
  const problems = rows.flatMap(({ name, cells }) => {
    const cell = cells[1] ?? "";
    const literal = /^`([^`]*)`$/.exec(cell)?.[1];
    if (literal !== undefined) {
      const parsed = parseServerEnv({ [name]: literal }) as Record<string, unknown>;
      return JSON.stringify(parsed[name]) === JSON.stringify(unsetEnv[name]) ? [] : [`${name}: doc says ${literal}, unset gives ${JSON.stringify(unsetEnv[name])}`];
    }
    if (cell.startsWith("unset")) return unsetEnv[name] === undefined ? [] : [`${name}: doc says unset, schema defaults to ${JSON.stringify(unsetEnv[name])}`];
    return [];
  });
  expect(problems).toEqual([]);
  // Most rows state a checkable default, so the check above is not vacuous.
  expect(rows.filter((r) => /^(`[^`]*`|unset.*)$/.test(r.cells[1] ?? "")).length).toBeGreaterThan(40);
});

/** Every start script, the worker and the Next config: where settings outside the app's env live. */
function launcherSources(): string {
  const files = [
    ...readdirSync(path.join(ROOT, "scripts"), { recursive: true, encoding: "utf8" }).map((f) => path.join("scripts", f)),
    ...readdirSync(path.join(ROOT, "inngest"), { recursive: true, encoding: "utf8" }).map((f) => path.join("inngest", f)),
    "next.config.mjs",
  ].filter((f) => /\.(mjs|js|ts)$/.test(f));
  return files.map((f) => readFileSync(path.join(ROOT, f), "utf8")).join("\n");
}

test("variables listed as read outside lib/env.ts are read by the launchers, and not by the schema", () => {
  const outside = variableRows(outsidePart);
  expect(outside.length).toBeGreaterThan(0);
  const sources = launcherSources();
  const problems = outside.flatMap(({ name }) => {
    if (schemaKeys.includes(name)) return [`${name} is in the schema: document it above`];
    return new RegExp(`\\b${name}\\b`).test(sources) ? [] : [`${name}: no start script, worker or next.config.mjs reads it`];
  });
  expect(problems).toEqual([]);
});

test("every environment variable any docs page names is documented here (or is test tooling)", () => {
  const DOCS = path.join(ROOT, "docs");
  const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md"));
  const documented = new Set([...rows, ...variableRows(outsidePart)].map((r) => r.name));
  // Read by the test setup only (this page says so); not settings of a deployment.
  const testTooling = ["E2E_APP_PORT", "E2E_OPENFDA_PORT", "CHROMIUM_PATH", "SHARED_DATA_DIR"];
  const testSources = [readFileSync(path.join(ROOT, "playwright.config.ts"), "utf8"), readFileSync(path.join(ROOT, "tests/support/shared-data.ts"), "utf8")].join("\n");
  for (const name of testTooling) expect(testSources, name).toContain(name);
  // The Grafana dashboard's data-source input, not an environment variable.
  const notEnv = new Set(["DS_PROMETHEUS"]);
  const unknown = pages.flatMap((page) =>
    [...readFileSync(path.join(DOCS, page), "utf8").matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=[^`]*)?`/g)]
      .map((m) => m[1] ?? "")
      .filter((name) => !documented.has(name) && !testTooling.includes(name) && !notEnv.has(name))
      .map((name) => `${page}: ${name}`),
  );
  expect(unknown).toEqual([]);
});
