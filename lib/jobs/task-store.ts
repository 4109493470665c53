import "server-only";
import { updateAtomically } from "@/lib/cache/update-atomically";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { taskRecordSchema, type TaskRecord, type TaskStatus } from "@/lib/jobs/task-record";

export type TaskPatch = Partial<Pick<TaskRecord, "status" | "progress" | "step" | "attempts" | "error">>;

export interface TaskStore {
  /** A new task: queued, progress 0. A task that already exists is returned unchanged (a repeat never resets progress). */
  create(input: { id: string; job: string; owner: string; reportId?: string }): Promise<TaskRecord>;
  get(id: string): Promise<TaskRecord | null>;
  /**
   * Atomic (a compareAndSet retry loop). Progress never decreases (the larger value is kept); a terminal
   * status is final: later updates are ignored and the stored record is returned.
   */
  update(id: string, patch: TaskPatch): Promise<TaskRecord | null>;
}

const TERMINAL: ReadonlySet<TaskStatus> = new Set(["succeeded", "failed", "cancelled"]);
// Writers race only around step boundaries; a handful of retries is plenty, more means a bug.

export const isTerminalTaskStatus = (status: TaskStatus) => TERMINAL.has(status);

const clampProgress = (value: number) => Math.min(100, Math.max(0, Math.round(value)));

function parseTask(raw: string): TaskRecord {
  return taskRecordSchema.parse(JSON.parse(raw));
}

/** The next record after `patch`; null when `current` is terminal and must stay as it is. */
function applyPatch(current: TaskRecord, patch: TaskPatch, at: string): TaskRecord | null {
  if (isTerminalTaskStatus(current.status)) return null;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as TaskPatch;
  const progress = defined.progress === undefined ? current.progress : Math.max(current.progress, clampProgress(defined.progress));
  return { ...current, ...defined, progress, updatedAt: at };
}

export function createTaskStore(store: StateStore, now: () => Date = () => new Date(), options: { keyPrefix?: string } = {}): TaskStore {
  const keyOf = (id: string) => `${options.keyPrefix ?? "cer:"}task:${id}`;

  async function get(id: string): Promise<TaskRecord | null> {
    const raw = await store.get(keyOf(id));
    return raw === null ? null : parseTask(raw);
  }

  return {
    async create(input) {
      const at = now().toISOString();
      const record: TaskRecord = { ...input, status: "queued", progress: 0, step: null, attempts: 0, createdAt: at, updatedAt: at };
      if (await store.compareAndSet(keyOf(input.id), null, JSON.stringify(record))) return record;
      return (await get(input.id)) ?? record;
    },
    get,
    async update(id, patch) {
      const updated = await updateAtomically(store, keyOf(id), parseTask, (current) => applyPatch(current, patch, now().toISOString()));
      return updated?.value ?? null;
    },
  };
}

/** The process's task store, on the app's state store. */
export function getTaskStore(): TaskStore {
  return createTaskStore(getStateStore());
}
