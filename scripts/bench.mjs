// npm run bench: builds what the benchmarks need, then runs each one. Figures print next to a baseline
// measured in the same run.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./ensure-build.mjs";
import { NEXT_BIN, run } from "./lib/run.mjs";
import { existsSync } from "node:fs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if ((await ensureBuild()) !== 0) process.exit(1);

const emptyApp = path.join(root, "bench/fixtures/empty-next");
if (!existsSync(path.join(emptyApp, ".next/BUILD_ID"))) {
  const code = await run(process.execPath, [path.join(root, NEXT_BIN), "build"], { cwd: emptyApp });
  if (code !== 0) process.exit(code);
}

const code = await run(process.execPath, ["bench/cached-trend-cpu.mjs"], { cwd: root });
process.exit(code);
