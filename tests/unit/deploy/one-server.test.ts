// One build, one server: everything that starts the production app (npm start, Playwright, the specs'
// own servers, the benches) goes through scripts/lib/standalone.mjs, so the tests run what the image
// runs. `next start` on a standalone build only warns and serves from the repo's node_modules, which
// would hide a file missing from .next/standalone — so a new `next start` anywhere fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const SCANNED = ["scripts", "bench", "tests", "playwright.config.ts", "package.json"];
const SKIP_DIRS = new Set(["node_modules", ".next", "fixtures", "results"]);
/** Files allowed to start `next start`, and why. */
const ALLOWED: Record<string, string> = {
  "bench/cached-trend-cpu.mjs": "the empty-Next baseline (bench/fixtures/empty-next) is an app of its own, built without standalone output",
};
const NEXT_START = [/next\/dist\/bin\/next["'`]\)?,\s*["'`]start["'`]/, /NEXT_BIN\s*\]?,\s*["'`]start["'`]/, /\bnext start -p\b/, /"start":\s*"next start/];

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .filter((name) => !SKIP_DIRS.has(name))
    .flatMap((name) => files(path.join(entry, name)))
    .filter((file) => /\.(m?[jt]s|json)$/.test(file));
}

test("nothing but the allowed baseline starts the app with `next start`", () => {
  const self = path.relative(root, import.meta.filename);
  const offenders = SCANNED.flatMap(files)
    .filter((file) => file !== self && !(file in ALLOWED))
    .filter((file) => NEXT_START.some((pattern) => pattern.test(readFileSync(path.join(root, file), "utf8"))));
  expect(offenders).toEqual([]);
});

test("the allowed baseline really is the only `next start` in its file, on the empty app", () => {
  const text = readFileSync(path.join(root, "bench/cached-trend-cpu.mjs"), "utf8");
  expect(text.match(/"start"/g)).toHaveLength(1);
  expect(text).toMatch(/"start"[\s\S]{0,200}bench\/fixtures\/empty-next/);
});
