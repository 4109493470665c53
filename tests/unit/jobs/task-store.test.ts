import { describe, expect, test } from "vitest";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { createTaskStore } from "@/lib/jobs/task-store";

function setup() {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const store = createMemoryStateStore();
  const tasks = createTaskStore(store, () => new Date((clock += 1000)));
  return { store, tasks };
}

const input = { id: "t1", job: "cer-report", owner: "user-1", reportId: "r1" };

describe("task store", () => {
  test("create makes a queued task at 0 under cer:task:<id>, and a repeat does not reset it", async () => {
    const { store, tasks } = setup();
    const created = await tasks.create(input);
    expect(created).toMatchObject({ ...input, status: "queued", progress: 0, step: null, attempts: 0 });
    expect(JSON.parse((await store.get("cer:task:t1")) ?? "null")).toEqual(created);
    await tasks.update("t1", { status: "running", progress: 40 });
    expect(await tasks.create(input)).toMatchObject({ status: "running", progress: 40 });
    expect(await tasks.get("missing")).toBeNull();
    expect(await tasks.update("missing", { progress: 10 })).toBeNull();
  });

  test("progress never goes backwards and is kept within 0–100", async () => {
    const { tasks } = setup();
    await tasks.create(input);
    expect((await tasks.update("t1", { status: "running", step: "collect", progress: 30 }))?.progress).toBe(30);
    const lower = await tasks.update("t1", { step: "analyze", progress: 10, attempts: 2 });
    expect(lower).toMatchObject({ progress: 30, step: "analyze", attempts: 2 });
    expect((await tasks.update("t1", { progress: 250 }))?.progress).toBe(100);
    expect((await tasks.get("t1"))?.progress).toBe(100);
  });

  test("concurrent updates all land (compare-and-set loop), keeping the highest progress", async () => {
    const { tasks } = setup();
    await tasks.create(input);
    const values = [5, 60, 20, 90, 45, 70, 10];
    await Promise.all(values.map((progress) => tasks.update("t1", { progress })));
    expect((await tasks.get("t1"))?.progress).toBe(90);
  });

  test.each(["succeeded", "failed", "cancelled"] as const)("%s is final: later updates are ignored", async (status) => {
    const { tasks } = setup();
    await tasks.create(input);
    const terminal = await tasks.update("t1", { status, progress: 50, error: status === "failed" ? "The render step failed: out of memory" : undefined });
    const later = await tasks.update("t1", { status: "running", progress: 80, step: "late" });
    expect(later).toEqual(terminal);
    expect(await tasks.get("t1")).toEqual(terminal);
  });

  test("updatedAt moves on each write; createdAt stays", async () => {
    const { tasks } = setup();
    const created = await tasks.create(input);
    const updated = await tasks.update("t1", { progress: 1 });
    expect(updated?.createdAt).toBe(created.createdAt);
    expect((updated?.updatedAt ?? "") > created.updatedAt).toBe(true);
  });

  test("a key prefix keeps tests apart", async () => {
    const store = createMemoryStateStore();
    const tasks = createTaskStore(store, undefined, { keyPrefix: "test-x:" });
    await tasks.create(input);
    expect(await store.get("test-x:task:t1")).not.toBeNull();
    expect(await store.get("cer:task:t1")).toBeNull();
  });
});
