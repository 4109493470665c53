import { spawn } from "node:child_process";

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", ...options, env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...options.env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const NEXT_BIN = "node_modules/next/dist/bin/next";
