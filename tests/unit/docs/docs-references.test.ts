import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ROUTE_PERMISSIONS } from "@/lib/auth/route-permissions";
import { markdownAnchors } from "./markdown-anchors";

// The docs name real things: every repository path in backticks exists, every link between docs
// pages reaches a page and a heading that exist, and every "METHOD /api/…" route is in the route table.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const DOCS = path.join(ROOT, "docs");
const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md"));
const text = (page: string) => readFileSync(path.join(DOCS, page), "utf8");

test("the docs pages exist", () => {
  for (const page of ["architecture.md", "configuration.md", "runbook.md", "api-usage.md", "user-guide.md"]) expect(pages).toContain(page);
});

test("every repository path named in backticks exists", () => {
  const missing = pages.flatMap((page) =>
    [...text(page).matchAll(/`((?:app|lib|components|inngest|scripts|tests|bench|docs|public)\/[A-Za-z0-9_.\[\]\/-]+|[a-z-]+\.(?:ts|mjs|json|yml))`/g)]
      .map((m) => m[1] ?? "")
      .filter((p) => !existsSync(path.join(ROOT, p)) && !existsSync(path.join(DOCS, p)))
      .map((p) => `${page}: ${p}`),
  );
  expect(missing).toEqual([]);
});

test("links between docs pages reach an existing page and heading", () => {
  const problems = pages.flatMap((page) =>
    [...text(page).matchAll(/\]\(([^)\s]+)\)/g)].flatMap((m) => {
      const target = m[1] ?? "";
      if (/^[a-z]+:/.test(target)) return [];
      const [file = "", anchor] = target.split("#");
      const resolved = file === "" ? page : path.normalize(file);
      if (resolved.startsWith("observability/")) return existsSync(path.join(DOCS, resolved)) ? [] : [`${page}: ${target}`];
      if (!pages.includes(resolved)) return [`${page}: ${target} (no such page)`];
      if (anchor && !markdownAnchors(text(resolved)).has(anchor)) return [`${page}: ${target} (no such heading)`];
      return [];
    }),
  );
  expect(problems).toEqual([]);
});

test("every API route the docs name is in the route table", () => {
  // The catch-all JSON 404 (/api/[...path]) would match anything: leave it out.
  const routes = Object.keys(ROUTE_PERMISSIONS)
    .filter((key) => !key.includes("[..."))
    .map((key) => key.replace(/\[([^\]]+)\]/g, "{$1}"));
  const pattern = (route: string) => new RegExp(`^${route.replace(/[.*+?^$()|\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
  const known = routes.map(pattern);
  const problems = pages.flatMap((page) =>
    [...text(page).matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/api\/[^`\s?]*)`/g)]
      .map((m) => `${m[1]} ${m[2]}`)
      .filter((route) => !known.some((re) => re.test(route)))
      .map((route) => `${page}: ${route}`),
  );
  expect(problems).toEqual([]);
});

test("every npm command the docs name is a package.json script", () => {
  const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
  const named = pages.flatMap((page) => [...text(page).matchAll(/\bnpm (?:run ([a-z][a-z:-]*)|(start|test))\b/g)].map((m) => ({ page, script: m[1] ?? m[2] ?? "" })));
  expect(named.length).toBeGreaterThan(3);
  const missing = named.filter(({ script }) => !scripts.includes(script));
  expect(missing.map(({ page, script }) => `${page}: npm run ${script}`)).toEqual([]);
});
