import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// Architecture rules that are easy to break by one import (architecture.md, "Rules that keep it simple").

const ROOT = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mts)$/.test(name) ? [rel] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1] ?? "");

test("nothing in lib outside lib/api and lib/actions imports lib/api (the HTTP edge)", () => {
  const offenders = sourceFiles("lib")
    .filter((f) => !f.startsWith("lib/api/") && !f.startsWith("lib/actions/"))
    .flatMap((f) => importsOf(f).filter((i) => i.startsWith("@/lib/api/")).map((i) => `${f} → ${i}`));
  expect(offenders).toEqual([]);
});

test("no file under app/ or components/ names a product source: the pipeline chooses it", () => {
  const offenders = [...sourceFiles("app"), ...sourceFiles("components")].flatMap((f) => {
    const text = readFileSync(path.join(ROOT, f), "utf8");
    const imports = importsOf(f).filter((i) => /^@\/lib\/(sources\/|pipeline\/(openfda|faers-files)\/)/.test(i));
    const branches = /===?\s*["'](faers-files|openfda)["']/.test(text) ? ["compares the source kind"] : [];
    return [...imports, ...branches].map((what) => `${f}: ${what}`);
  });
  expect(offenders).toEqual([]);
});

test("routes reach the pipeline only through its public entry, lib/pipeline", () => {
  const offenders = sourceFiles("app").flatMap((f) =>
    importsOf(f)
      .filter((i) => /^@\/lib\/pipeline\/(questions|get-forecast|get-anomalies|deps)$/.test(i))
      .map((i) => `${f} → ${i}`),
  );
  expect(offenders).toEqual([]);
});

test("the analytics worker's import graph is pure: no env, cache, store, logger, lib/api or server-only", () => {
  const resolve = (from: string, spec: string): string | null => {
    const base = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
    if (base === null) return null; // a package (zod, @stdlib/…, node:…)
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
      try {
        if (statSync(path.join(ROOT, candidate)).isFile()) return candidate;
      } catch {
        // try the next form
      }
    }
    throw new Error(`${from}: cannot resolve ${spec}`);
  };
  const seen = new Set<string>();
  const offenders: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec === "server-only") offenders.push(`${file} → server-only`);
      const target = resolve(file, spec);
      if (target === null) continue;
      if (/^lib\/(env\.ts|cache\/|observability\/|api\/|auth\/|pipeline\/|sources\/)/.test(target)) offenders.push(`${file} → ${target}`);
      visit(target);
    }
  };
  visit("lib/workers/analytics.worker.ts");
  expect(seen.size).toBeGreaterThan(20);
  expect(offenders).toEqual([]);
});

test("only lib/cache speaks to Redis or Upstash: no other lib, app or inngest file imports their clients", () => {
  const offenders = ["lib", "app", "inngest"]
    .flatMap((dir) => sourceFiles(dir))
    .filter((f) => !f.startsWith("lib/cache/"))
    .flatMap((f) => importsOf(f).filter((i) => /^(ioredis|@upstash\/redis)$/.test(i)).map((i) => `${f} → ${i}`));
  expect(offenders).toEqual([]);
});
