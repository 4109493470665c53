// Messages between the pool (main thread) and a worker. Everything here is structured-clone safe: no
// classes, no functions; errors travel as plain objects and the pool turns them back into errors.

export type TaskRequest = { id: number; name: string; input: unknown };

/** `input`: the task refused its input (a 400 for the caller); `failed`: anything else (a bug). */
export type TaskFailure =
  | { kind: "input"; message: string; details?: unknown }
  | { kind: "failed"; name: string; message: string; stack?: string };

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: TaskFailure };

/** Posted once by a worker when its module has loaded and it listens for tasks. */
export const WORKER_READY = "cer-analytics.worker-ready";
