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
