import { describe, expect, test } from "vitest";
import { startWorker } from "../support/worker-process";

// The worker process (scripts/worker.mjs) reads the OTEL_* settings through lib/env.ts like the web
// server: a bad value stops it at start, naming the variable; a good one starts tracing, and SIGTERM
// still ends it cleanly (the tracer is flushed and shut down after the server closes).

/** The worker as an Inngest worker that cannot reach its store (no traffic needed), with `env` added. */
const runWorker = (env: Record<string, string>) =>
  startWorker({ JOBS_PROVIDER: "inngest", INNGEST_DEV: "1", REDIS_URL: "redis://127.0.0.1:1", WORKER_PORT: "0", LOG_LEVEL: "info", ...env });

describe("worker tracing settings", () => {
  test.each([
    [{ OTEL_TRACES_SAMPLE_RATIO: "2" }, "OTEL_TRACES_SAMPLE_RATIO"],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "not-a-url" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
  ])("%o: refuses to start and names %s", async (env, name) => {
    const worker = runWorker(env);
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("Invalid environment");
    expect(worker.output()).toContain(`${name}:`);
  });

  test("with an OTLP endpoint it starts, and SIGTERM ends it with 0", async () => {
    const worker = runWorker({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" });
    try {
      const deadline = Date.now() + 20_000;
      while (!worker.output().includes("inngest.worker_started") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(worker.output()).toContain("inngest.worker_started");
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  });
});
