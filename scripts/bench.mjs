// npm run bench [-- name ...]: builds what the benchmarks need, then runs them. Every figure prints next to
// a baseline measured in the same run. Names: trend, heavy, reports-latency, sse, report-render, forecast, anomalies, spikes, dpa-speed, dpa-openebgm, faers-import.
// With no name, all run (anomalies takes about 12 minutes, most of it in R).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./ensure-build.mjs";
import { NEXT_BIN, run } from "./lib/run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = "node_modules/tsx/dist/cli.mjs";

const BENCHES = {
  trend: { needsBuild: true, args: ["bench/cached-trend-cpu.mjs"] },
  heavy: { needsBuild: true, args: ["bench/heavy-work-latency.mjs"] },
  "reports-latency": { needsBuild: true, args: ["bench/reports-latency.mjs"] },
  sse: { needsBuild: true, args: ["bench/sse-connections.mjs"] },
  forecast: { args: [TSX, "bench/forecast-accuracy.ts"] },
  anomalies: { args: [TSX, "bench/anomalies-accuracy.ts"] },
  spikes: { args: [TSX, "bench/spike-speed.ts"] },
  "report-render": { args: [TSX, "bench/report-render.ts"] },
  "dpa-speed": { args: [TSX, "bench/disproportionality-speed.ts"] },
  "dpa-openebgm": { args: [TSX, "bench/disproportionality-openebgm.ts"] },
  "faers-import": { args: [TSX, "bench/faers-import.ts"] },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(BENCHES);

if (names.some((n) => BENCHES[n].needsBuild)) {
  if ((await ensureBuild()) !== 0) process.exit(1);
  const emptyApp = path.join(root, "bench/fixtures/empty-next");
  if (!existsSync(path.join(emptyApp, ".next/BUILD_ID"))) {
    const code = await run(process.execPath, [path.join(root, NEXT_BIN), "build"], { cwd: emptyApp });
    if (code !== 0) process.exit(code);
  }
}

let failed = 0;
for (const name of names) {
  console.log(`\n##### bench: ${name} #####`);
  const code = await run(process.execPath, BENCHES[name].args, { cwd: root });
  if (code !== 0) {
    console.error(`bench ${name} failed (exit ${code})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
