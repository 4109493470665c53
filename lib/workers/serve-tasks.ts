import { parentPort } from "node:worker_threads";
import { lowerThisThreadPriority } from "./thread-priority";
import { WORKER_READY, type TaskFailure, type TaskReply, type TaskRequest } from "./protocol";

type Task = (input: never) => unknown;
type InputErrorClass = abstract new (...args: never[]) => Error;

function toFailure(error: unknown, inputErrors: readonly InputErrorClass[]): TaskFailure {
  if (error instanceof Error && inputErrors.some((cls) => error instanceof cls)) {
    const details = (error as { details?: unknown }).details;
    return details === undefined ? { kind: "input", message: error.message } : { kind: "input", message: error.message, details };
  }
  if (error instanceof Error) return { kind: "failed", name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { kind: "failed", name: "Error", message: String(error) };
}

/**
 * The worker side of the pool: runs each named task it is sent, one at a time (the pool sends one per
 * worker), and replies with its value or a plain failure. Errors of `inputErrors` are the caller's bad
 * input; anything else is a bug. Says "ready" once listening, so the pool knows the module loaded.
 * Runs at a lower CPU priority than the event loop (see thread-priority.ts).
 */
export function serveTasks(tasks: Record<string, Task>, inputErrors: readonly InputErrorClass[]): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs only inside a worker thread");
  // Heavy work yields the CPU to the event loop (requests, health checks) when cores are short.
  lowerThisThreadPriority();
  port.on("message", async (request: TaskRequest) => {
    let reply: TaskReply;
    try {
      const task = Object.hasOwn(tasks, request.name) ? tasks[request.name] : undefined;
      if (!task) throw new Error(`unknown task "${request.name}"`);
      reply = { id: request.id, ok: true, value: await task(request.input as never) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: toFailure(error, inputErrors) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // A value that cannot be cloned (a function, a class instance with private state) is a bug in the task.
      port.postMessage({ id: request.id, ok: false, error: toFailure(error, []) } satisfies TaskReply);
    }
  });
  port.postMessage(WORKER_READY);
}
