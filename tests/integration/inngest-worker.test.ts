import { describe, expect, test } from "vitest";
import { startWorker } from "../support/worker-process";

// scripts/worker.mjs as a real process: it refuses the in-memory store and the local provider, and
// otherwise serves the Inngest functions (through tsx, with "server-only" resolved to its server build).

describe("scripts/worker.mjs", () => {
  test("refuses to start on the in-memory store, naming the variables", async () => {
    const worker = startWorker({ JOBS_PROVIDER: "inngest", INNGEST_DEV: "1" });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("The worker refuses to start");
    expect(worker.output()).toMatch(/REDIS_URL/);
    expect(worker.output()).toMatch(/UPSTASH_REDIS_REST_URL/);
  });

  test("refuses to start unless JOBS_PROVIDER=inngest", async () => {
    const worker = startWorker({ JOBS_PROVIDER: "local", REDIS_URL: "redis://127.0.0.1:1" });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/JOBS_PROVIDER is "local".*JOBS_PROVIDER=inngest/);
  });

  test("otherwise serves the functions at /api/inngest and stops on SIGTERM", async () => {
    const worker = startWorker({ JOBS_PROVIDER: "inngest", INNGEST_DEV: "1", REDIS_URL: "redis://127.0.0.1:1", WORKER_PORT: "0", LOG_LEVEL: "info" });
    try {
      const deadline = Date.now() + 20_000;
      let port: number | undefined;
      while (port === undefined && Date.now() < deadline) {
        const match = /"event":"inngest\.worker_started","port":(\d+)/.exec(worker.output());
        if (match?.[1] !== undefined) port = Number(match[1]);
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(port, worker.output()).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${port}/api/inngest`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ mode: "dev", schema_version: expect.any(String) });
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  });
});
