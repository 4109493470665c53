import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// scripts/worker.mjs as a real process, for the tests of its start-up rules.

const WORKER = path.resolve(import.meta.dirname, "../../scripts/worker.mjs");

export type StartedWorker = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts the worker with only `env` (plus PATH and HOME): nothing from the developer's shell (a REDIS_URL there would change the answer). */
export function startWorker(env: Record<string, string>): StartedWorker {
  const child = spawn(process.execPath, [WORKER], {
    cwd: path.dirname(path.dirname(WORKER)),
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code: number | null) => resolve(code)));
  return { child, output: () => output, exited };
}
