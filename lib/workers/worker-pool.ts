import type { Transferable, Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors/app-error";
import type { TaskFailure, TaskReply } from "./protocol";

export type WorkerPoolOptions = {
  /** Workers at most (started on demand, kept while alive). */
  size: number;
  /** Tasks allowed to wait for a worker; one more is refused with a 503. */
  queueLimit: number;
  /** Longest a task may run on its worker; then the worker is terminated (and later replaced). */
  timeoutMs: number;
  /** Starts one worker and resolves once it listens for tasks. */
  spawn: () => Promise<Worker>;
  /** Called when a worker dies under a task or is stopped by the timeout (for the log). */
  onWorkerLost?: (event: { reason: "crashed" | "timeout"; task: string; error?: string }) => void;
};

export type RunOptions = { transfer?: readonly Transferable[] };

type Job = {
  id: number;
  name: string;
  input: unknown;
  transfer: readonly Transferable[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null; lastError: string | undefined };

/** An unexpected error inside a task (a bug, not bad input): the API logs it and answers a generic 500. */
export class WorkerTaskError extends Error {
  constructor(task: string, failure: Extract<TaskFailure, { kind: "failed" }>) {
    super(`task ${task} failed: ${failure.name}: ${failure.message}`);
    this.name = "WorkerTaskError";
    if (failure.stack) this.stack = failure.stack;
  }
}

const fromFailure = (task: string, failure: TaskFailure): Error =>
  failure.kind === "input"
    ? new AppError({ code: "invalid_input", message: failure.message, details: failure.details })
    : new WorkerTaskError(task, failure);

/**
 * A bounded pool of worker threads for CPU-heavy tasks, so that no such task runs on the event loop.
 * At most `size` tasks run at once, one per worker; at most `queueLimit` wait. Every task ends: with its
 * value, its input error (400), a timeout (503, and the worker is terminated), a crash (the worker is
 * dropped and a new one started for the next task) or a full queue (503 with Retry-After).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private starting = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`pool size must be a whole number ≥ 1, got ${options.size}`);
  }

  run<T>(name: string, input: unknown, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(unavailable("The analysis pool is shutting down; try again shortly.", 1));
    const waiting = this.queue.length;
    const free = this.slots.some((s) => s.job === null) || this.slots.length + this.starting < this.options.size;
    if (!free && waiting >= this.options.queueLimit) {
      return Promise.reject(
        unavailable(
          `The server is busy with other analyses (${this.options.size} running, ${waiting} waiting); try again in a few seconds.`,
          Math.max(1, Math.ceil(this.options.timeoutMs / 1000 / 10)),
          { running: this.options.size, waiting },
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: this.nextId++, name, input, transfer: options.transfer ?? [], resolve: resolve as (v: unknown) => void, reject };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** For tests, health and the benchmark: what the pool is doing now. */
  stats(): { size: number; workers: number; busy: number; queued: number; threadIds: number[] } {
    return {
      size: this.options.size,
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job !== null).length,
      queued: this.queue.length,
      threadIds: this.slots.map((s) => s.worker.threadId),
    };
  }

  /** Refuses new tasks, fails the waiting ones and stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(unavailable("The analysis pool was shut down.", 1));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, "The analysis pool was shut down.")));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((s) => s.job === null);
      if (idle) {
        this.assign(idle, this.queue.shift() as Job);
        continue;
      }
      if (this.slots.length + this.starting < this.options.size && this.starting < this.queue.length) {
        this.startWorker();
        continue;
      }
      return;
    }
  }

  private startWorker(): void {
    this.starting += 1;
    this.options.spawn().then(
      (worker) => {
        this.starting -= 1;
        if (this.closed) {
          void worker.terminate();
          return;
        }
        this.adopt(worker);
        this.dispatch();
      },
      (error: unknown) => {
        this.starting -= 1;
        // No worker could start: fail the oldest waiting task rather than leave it waiting for ever.
        this.queue.shift()?.reject(new AppError({ code: "internal_error", message: "The analysis worker could not be started.", cause: error }));
        this.dispatch();
      },
    );
  }

  private adopt(worker: Worker): void {
    // Workers never keep the process alive (tests, scripts); a busy one has its timer pending anyway.
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null, lastError: undefined };
    worker.on("message", (reply: TaskReply) => this.settle(slot, reply));
    worker.on("error", (error) => {
      slot.lastError = `${error.name}: ${error.message}`;
    });
    worker.on("exit", (code) => this.lose(slot, code));
    this.slots.push(slot);
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => this.timeOut(slot), this.options.timeoutMs);
    try {
      slot.worker.postMessage({ id: job.id, name: job.name, input: job.input }, job.transfer);
    } catch (error) {
      // The input could not be cloned: a bug in the caller, reported like any task failure.
      this.release(slot);
      job.reject(error);
      this.dispatch();
    }
  }

  private settle(slot: Slot, reply: TaskReply): void {
    const job = slot.job;
    if (!job || reply.id !== job.id) return;
    this.release(slot);
    if (reply.ok) job.resolve(reply.value);
    else job.reject(fromFailure(job.name, reply.error));
    this.dispatch();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private timeOut(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.remove(slot);
    this.options.onWorkerLost?.({ reason: "timeout", task: job.name });
    void this.stop(slot, null);
    job.reject(
      unavailable(
        `The ${job.name} analysis took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped; send less data per request.`,
        Math.max(1, Math.ceil(this.options.timeoutMs / 1000)),
      ),
    );
    this.dispatch();
  }

  /** The worker exited without being asked to: fail its task (never leave it hanging); the next task starts a new worker. */
  private lose(slot: Slot, code: number): void {
    if (!this.slots.includes(slot)) return;
    this.remove(slot);
    const job = slot.job;
    this.release(slot);
    if (job) {
      const error = slot.lastError ?? `exit code ${code}`;
      this.options.onWorkerLost?.({ reason: "crashed", task: job.name, error });
      job.reject(
        /ERR_WORKER_OUT_OF_MEMORY/.test(error)
          ? unavailable(`The ${job.name} analysis ran out of memory and was stopped; send less data per request.`, 1)
          : new AppError({ code: "internal_error", message: `The ${job.name} analysis stopped unexpectedly (its worker exited); please try again.`, details: { task: job.name } }),
      );
    }
    this.dispatch();
  }

  private remove(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
  }

  private async stop(slot: Slot, message: string | null): Promise<void> {
    const job = slot.job;
    this.release(slot);
    if (job && message) job.reject(unavailable(message, 1));
    await slot.worker.terminate().catch(() => undefined);
  }
}

function unavailable(message: string, retryAfterSeconds: number, details?: unknown): AppError {
  return new AppError({ code: "service_unavailable", message, retryAfterSeconds, details });
}
