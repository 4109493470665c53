import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startOtlpReceiver, type OtlpReceiver } from "@/tests/support/otlp-receiver";

// SIGTERM flushes the span queue before the server's own SIGTERM handler exits the process (Next's
// handler calls process.exit within milliseconds, long before a 5 s batch would go out).

const ROOT = path.resolve(import.meta.dirname, "../..");
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

test("a span ended just before SIGTERM is exported, then the earlier SIGTERM handler still runs and exits", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/tracing-sigterm-child.ts"), receiver.url], {
    cwd: ROOT,
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  expect(code, output).toBe(143);
  expect(output).toContain("server-cleanup");
  expect(receiver.spans().map((s) => s.name)).toEqual(["last-span-before-sigterm"]);
});
