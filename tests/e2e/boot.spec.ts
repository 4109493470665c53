import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

test("a bad env value stops the server at boot with a message naming the variable", async () => {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", "3199"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CACHE_TTL_SECONDS: "twelve hours" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 30_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain("CACHE_TTL_SECONDS: must be a whole number");
});
