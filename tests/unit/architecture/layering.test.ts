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
