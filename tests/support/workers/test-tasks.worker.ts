// A worker for the pool's own tests: tasks that take a known time, crash or refuse their input, run by
// the same serveTasks as the analytics worker.
import { readlinkSync } from "node:fs";
import { getPriority } from "node:os";
import { threadId } from "node:worker_threads";
import { serveTasks } from "@/lib/workers/serve-tasks";
import { TaskInputError } from "@/lib/workers/task-input-error";

/** Keeps the thread's CPU busy for `ms` (a real CPU-bound task, not a timer). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

serveTasks(
  {
    busy: (input: { ms: number }) => {
      const started = Date.now();
      spin(input.ms);
      return { threadId, started, ended: Date.now() };
    },
    /** This thread's nice value, as the kernel has it (Linux). */
    priority: () => getPriority(Number(readlinkSync("/proc/thread-self").split("/").pop())),
    refuse: (input: { why: string }) => {
      throw new TaskInputError(input.why, { field: "why" });
    },
    bug: () => {
      throw new TypeError("a bug in the task");
    },
    crash: () => {
      // An exception outside the task's own call: the worker thread dies, as on a native fault.
      setTimeout(() => {
        throw new Error("the worker crashed");
      }, 0);
      return new Promise(() => undefined);
    },
  },
  [TaskInputError],
);
