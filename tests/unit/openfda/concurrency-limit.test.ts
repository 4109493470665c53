import { describe, expect, test } from "vitest";
import { createConcurrencyLimit } from "@/lib/sources/openfda/concurrency-limit";

/** A task that finishes when the test says so, and records when it started. */
function gate(started: string[], name: string) {
  let open: () => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const done = new Promise<string>((resolve, reject) => {
    open = () => resolve(name);
    fail = reject;
  });
  return { task: () => (started.push(name), done), open, fail };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("createConcurrencyLimit", () => {
  test.each([0, -1, 1.5, Number.NaN])("refuses %s", (max) => {
    expect(() => createConcurrencyLimit(max)).toThrow("whole number ≥ 1");
  });

  test("runs at most max tasks at once, the rest in arrival order as slots free up", async () => {
    const limit = createConcurrencyLimit(2);
    const started: string[] = [];
    const gates = ["a", "b", "c", "d"].map((name) => gate(started, name));
    const results = gates.map((g) => limit.run(g.task));
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(limit.active).toBe(2);
    gates[1]?.open();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    expect(limit.active).toBe(2);
    gates[0]?.open();
    gates[2]?.open();
    await tick();
    expect(started).toEqual(["a", "b", "c", "d"]);
    gates[3]?.open();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect(limit.active).toBe(0);
  });

  test("a failing task frees its slot and its caller gets the error", async () => {
    const limit = createConcurrencyLimit(1);
    const started: string[] = [];
    const first = gate(started, "first");
    const second = gate(started, "second");
    const a = limit.run(first.task);
    const b = limit.run(second.task);
    await tick();
    expect(started).toEqual(["first"]);
    first.fail(new Error("boom"));
    await expect(a).rejects.toThrow("boom");
    await tick();
    expect(started).toEqual(["first", "second"]);
    second.open();
    expect(await b).toBe("second");
    expect(limit.active).toBe(0);
  });
});
