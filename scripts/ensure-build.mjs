// Builds the app when there is no production build or the sources are newer than it, then puts the
// static files and public/ beside the standalone server (Next leaves that copy to us), and the worker
// launcher (worker.js) in it. The copy lands
// inside .next, never in the sources, so it cannot make the build look stale.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { buildState } from "./lib/build-freshness.mjs";
import { NEXT_BIN, run } from "./lib/run.mjs";
import { copyStandaloneAssets, installWorkerLauncher, standaloneComplete } from "./lib/standalone.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function ensureBuild() {
  const state = buildState(root);
  if (!state.fresh) {
    console.log(`[cer-analytics] building (${state.reason})…`);
    const code = await run(process.execPath, [NEXT_BIN, "build"], { cwd: root });
    if (code !== 0) return code;
  }
  if (!state.fresh || !standaloneComplete(root)) copyStandaloneAssets(root);
  installWorkerLauncher(root);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(await ensureBuild());
}
