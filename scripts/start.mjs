// npm start: build if needed, then serve the production app on $PORT (default 3000). No env required.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./ensure-build.mjs";
import { NEXT_BIN } from "./lib/run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT && process.env.PORT.trim() !== "" ? process.env.PORT : "3000";

const buildCode = await ensureBuild();
if (buildCode !== 0) {
  console.error("[cer-analytics] the build failed; see the output above.");
  process.exit(buildCode);
}

// Started as `node next start` so this process owns the server and signals reach it (stack.md P7).
const args = [NEXT_BIN, "start", "-p", port];
if (process.env.HOSTNAME_BIND) args.push("-H", process.env.HOSTNAME_BIND);
const server = spawn(process.execPath, args, {
  cwd: root,
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
