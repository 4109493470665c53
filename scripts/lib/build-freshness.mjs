// Decides whether .next holds a production build (with its standalone server) of the current sources.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "inngest", "public"];
const SOURCE_FILES = ["next.config.mjs", "proxy.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts"];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildState(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return { fresh: false, reason: "no production build yet" };
  // A build from before `output: "standalone"` has no server to run.
  if (!existsSync(path.join(root, ".next", "standalone", "server.js"))) return { fresh: false, reason: "no standalone server in the build" };
  const builtAt = statSync(buildId).mtimeMs;
  const sourcesAt = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(path.join(root, p))));
  return sourcesAt > builtAt ? { fresh: false, reason: "sources changed since the last build" } : { fresh: true, reason: "build is current" };
}
