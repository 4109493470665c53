// npm start: build if needed, then serve the production app (the standalone server) on $PORT (default
// 3000), on all interfaces unless HOSTNAME_BIND says otherwise. No env required.
import { ensureBuild } from "./ensure-build.mjs";
import { spawnStandalone } from "./lib/standalone.mjs";

const port = process.env.PORT && process.env.PORT.trim() !== "" ? process.env.PORT : "3000";

const buildCode = await ensureBuild();
if (buildCode !== 0) {
  console.error("[cer-analytics] the build failed; see the output above.");
  process.exit(buildCode);
}

const server = spawnStandalone({ port, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
