import { afterEach, describe, expect, test } from "vitest";
import { getPriority } from "node:os";
import { AppError } from "@/lib/errors/app-error";
import { WORKER_NICE } from "@/lib/workers/thread-priority";
import { spawnThroughTsx } from "@/lib/workers/spawn-worker";
import { WorkerPool, WorkerTaskError, type WorkerPoolOptions } from "@/lib/workers/worker-pool";

// The pool's guarantees, on real worker threads running tests/support/workers/test-tasks.worker.ts.
const TEST_WORKER = new URL("../support/workers/test-tasks.worker.ts", import.meta.url);
type Busy = { threadId: number; started: number; ended: number };

const pools: WorkerPool[] = [];
function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  const made = new WorkerPool({ size: 2, queueLimit: 8, timeoutMs: 20_000, spawn: () => spawnThroughTsx(TEST_WORKER), ...options });
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected the task to fail"); }, (error: unknown) => error);

describe("WorkerPool", () => {
  test("runs at most `size` tasks at once, on `size` threads, and queues the rest", async () => {
    const p = pool({ size: 2 });
    const runs = await Promise.all(Array.from({ length: 6 }, () => p.run<Busy>("busy", { ms: 150 })));
    expect(new Set(runs.map((r) => r.threadId)).size).toBe(2);
    // At any task's start, at most 2 tasks (itself included) are running.
    for (const r of runs) {
      const overlapping = runs.filter((o) => o.started <= r.started && o.ended > r.started).length;
      expect(overlapping).toBeLessThanOrEqual(2);
    }
    expect(p.stats()).toMatchObject({ size: 2, workers: 2, busy: 0, queued: 0 });
  });

  test("a task over the queue limit is refused at once with a 503 and Retry-After", async () => {
    const p = pool({ size: 1, queueLimit: 1 });
    const running = p.run<Busy>("busy", { ms: 600 });
    // Let the first task reach its (newly started) worker so that the second one waits.
    while (p.stats().busy < 1) await new Promise((r) => setTimeout(r, 10));
    const waiting = p.run<Busy>("busy", { ms: 10 });
    const refused = (await failureOf(p.run("busy", { ms: 10 }))) as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("service_unavailable");
    expect(refused.status).toBe(503);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(running).resolves.toMatchObject({ threadId: expect.any(Number) });
    await expect(waiting).resolves.toMatchObject({ threadId: expect.any(Number) });
  });

  test("a task past its timeout is a 503, its worker is terminated and a new one runs the next task", async () => {
    const p = pool({ size: 1, timeoutMs: 300 });
    const first = await p.run<Busy>("busy", { ms: 1 });
    const started = performance.now();
    const error = (await failureOf(p.run("busy", { ms: 5000 }))) as AppError;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.code).toBe("service_unavailable");
    expect(error.message).toContain("longer than");
    expect(p.stats().threadIds).not.toContain(first.threadId);
    const next = await p.run<Busy>("busy", { ms: 1 });
    expect(next.threadId).not.toBe(first.threadId);
  });

  test("a crashing worker fails its task with an AppError (no hang) and is replaced", async () => {
    const p = pool({ size: 1 });
    const before = await p.run<Busy>("busy", { ms: 1 });
    const error = (await failureOf(p.run("crash", {}))) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("internal_error");
    expect(error.message).toContain("stopped unexpectedly");
    const after = await p.run<Busy>("busy", { ms: 1 });
    expect(after.threadId).not.toBe(before.threadId);
  });

  test("bad input is a 400 with its message and details; a bug is a plain error (logged as a 500)", async () => {
    const p = pool({ size: 1 });
    const refused = (await failureOf(p.run("refuse", { why: "send at least one row" }))) as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("invalid_input");
    expect(refused.message).toBe("send at least one row");
    expect(refused.details).toEqual({ field: "why" });
    const bug = await failureOf(p.run("bug", {}));
    expect(bug).toBeInstanceOf(WorkerTaskError);
    expect(bug).not.toBeInstanceOf(AppError);
    expect((bug as Error).message).toContain("TypeError: a bug in the task");
    const unknown = await failureOf(p.run("nonsense", {}));
    expect((unknown as Error).message).toContain('unknown task "nonsense"');
  });

  test("workers run below the event loop's CPU priority (nice 10), the event loop stays at its own", async () => {
    const p = pool({ size: 1 });
    expect(await p.run<number>("priority", {})).toBe(WORKER_NICE);
    expect(getPriority()).not.toBe(WORKER_NICE);
  });

  test("a worker that cannot start fails the task instead of leaving it queued", async () => {
    const p = pool({ size: 1, spawn: () => spawnThroughTsx(new URL("../support/workers/does-not-exist.worker.ts", import.meta.url)) });
    const error = (await failureOf(p.run("busy", { ms: 1 }))) as AppError;
    expect(error.code).toBe("internal_error");
    expect(error.message).toContain("could not be started");
  });
});
