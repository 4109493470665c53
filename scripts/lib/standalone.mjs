// The one way to run the production build: Next's standalone server (`output: "standalone"`). `next
// start` does not support it (Next 16.4.6 warns, then serves from the repo's node_modules, which would
// hide a file missing from the folder). Used by npm start, Playwright's webServer, the e2e specs' own
// servers and the benches, so all of them run what the container image runs.
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The build folder (next.config.mjs: NEXT_DIST_DIR, default .next) of `root`. */
export function distDirOf(root = REPO_ROOT) {
  return path.join(root, process.env.NEXT_DIST_DIR || ".next");
}

/** The self-contained server folder the build writes: server.js, its traced node_modules, the build. */
export function standaloneDirOf(root = REPO_ROOT) {
  return path.join(distDirOf(root), "standalone");
}

/**
 * Where the copied assets go inside the standalone folder. Next writes the server's build to
 * <standalone>/<distDir name>, and serves static files and public/ from beside it, but copies neither.
 */
function assetTargets(root) {
  const standalone = standaloneDirOf(root);
  const distName = path.basename(distDirOf(root));
  return [
    { from: path.join(distDirOf(root), "static"), to: path.join(standalone, distName, "static") },
    { from: path.join(root, "public"), to: path.join(standalone, "public") },
  ];
}

/** Copies .next/static and public/ into the standalone folder (replacing older copies). */
export function copyStandaloneAssets(root = REPO_ROOT) {
  for (const { from, to } of assetTargets(root)) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}

/**
 * Puts scripts/standalone-worker.mjs into the folder as worker.js (`node worker.js`: the Inngest worker
 * from the same folder). A launcher, not part of the build: copied on every ensure-build, so editing it
 * needs no rebuild.
 */
export function installWorkerLauncher(root = REPO_ROOT) {
  copyFileSync(path.join(root, "scripts", "standalone-worker.mjs"), path.join(standaloneDirOf(root), "worker.js"));
}

/** True when the standalone server and its copied static files are in place. */
export function standaloneComplete(root = REPO_ROOT) {
  const [staticTarget] = assetTargets(root);
  return existsSync(path.join(standaloneDirOf(root), "server.js")) && existsSync(staticTarget.to);
}

/**
 * The server's env. server.js binds HOSTNAME (Docker and some shells export the machine's name there),
 * so it is always set: HOSTNAME_BIND when given, else all interfaces as `next start` did. server.js also
 * makes the standalone folder its cwd, so paths the env gives relative to the caller are made absolute,
 * and the generated local secret stays in the repo's .cer-data (where `next start` kept it) instead of
 * inside a build folder that every build wipes.
 *
 * @template {Record<string, string | undefined>} E
 * @param {E} env
 * @param {{ port?: number | string; root?: string; cwd?: string }} [options]
 * @returns {E & { HOSTNAME: string; AUTH_SECRET_FILE: string; NEXT_TELEMETRY_DISABLED: string; PORT?: string }}
 */
export function standaloneEnv(env, { port, root = REPO_ROOT, cwd = process.cwd() } = {}) {
  /** @type {Record<string, string | undefined>} */
  const out = { NEXT_TELEMETRY_DISABLED: "1", ...env };
  if (port !== undefined) out.PORT = String(port);
  out.HOSTNAME = env.HOSTNAME_BIND?.trim() || "0.0.0.0";
  for (const name of ["AUTH_SECRET_FILE", "FAERS_DATA_DIR"]) {
    if (out[name] && !path.isAbsolute(out[name])) out[name] = path.resolve(cwd, out[name]);
  }
  if (!out.AUTH_SECRET_FILE) out.AUTH_SECRET_FILE = path.join(root, ".cer-data", "auth-secret");
  return /** @type {E & { HOSTNAME: string; AUTH_SECRET_FILE: string; NEXT_TELEMETRY_DISABLED: string; PORT?: string }} */ (out);
}

/** `node <standalone>/server.js` as a shell command line (Playwright's webServer takes a string). */
export function standaloneCommand(root = REPO_ROOT) {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(standaloneDirOf(root), "server.js"))}`;
}

/**
 * Spawns the standalone server on `port`. The child is node itself, so its pid is the server's (no
 * wrapper to outlive, stack.md P7). `spawnOptions` passes stdio, detached, etc. through.
 *
 * @param {{ port: number | string; env?: Record<string, string | undefined>; root?: string } & import("node:child_process").SpawnOptions} options
 * @returns {import("node:child_process").ChildProcess}
 */
export function spawnStandalone({ port, env = process.env, root = REPO_ROOT, ...spawnOptions }) {
  const server = path.join(standaloneDirOf(root), "server.js");
  if (!existsSync(server)) throw new Error(`no standalone build at ${server}: run node scripts/ensure-build.mjs first`);
  return spawn(process.execPath, [server], { ...spawnOptions, env: standaloneEnv(env, { port, root }) });
}
