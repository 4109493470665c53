// Builds the app when there is no production build or the sources are newer than it.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { buildState } from "./lib/build-freshness.mjs";
import { NEXT_BIN, run } from "./lib/run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function ensureBuild() {
  const state = buildState(root);
  if (state.fresh) return 0;
  console.log(`[cer-analytics] building (${state.reason})…`);
  return run(process.execPath, [NEXT_BIN, "build"], { cwd: root });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(await ensureBuild());
}
