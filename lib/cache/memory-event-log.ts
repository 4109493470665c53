import { compareEventIds, type EventLog, type LoggedEvent } from "@/lib/cache/event-log";

// The embedded default's alert log: one array per stream in this process, trimmed to `maxLength`,
// with waiters woken on append. Lost when the process stops, like the rest of the in-memory store.

export function createMemoryEventLog(options: { maxLength: number; now?: () => number }): EventLog {
  const now = options.now ?? Date.now;
  const streams = new Map<string, LoggedEvent[]>();
  const waiters = new Map<string, Set<() => void>>();
  let lastMs = 0;
  let seq = 0;

  const entries = (stream: string) => {
    let list = streams.get(stream);
    if (!list) streams.set(stream, (list = []));
    return list;
  };
  const nextId = () => {
    const ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      seq = 0;
    } else {
      seq += 1;
    }
    return `${lastMs}-${seq}`;
  };
  const after = (stream: string, afterId: string | null, count: number) => {
    const list = entries(stream);
    const start = afterId === null ? 0 : list.findIndex((e) => compareEventIds(e.id, afterId) > 0);
    return start < 0 ? [] : list.slice(start, start + count);
  };

  return {
    kind: "memory",
    async append(stream, data) {
      const list = entries(stream);
      const id = nextId();
      list.push({ id, data });
      if (list.length > options.maxLength) list.splice(0, list.length - options.maxLength);
      for (const wake of waiters.get(stream) ?? []) wake();
      return id;
    },
    async readAfter(stream, afterId, count) {
      return after(stream, afterId, count);
    },
    async waitAfter(stream, afterId, count, blockMs, signal) {
      const ready = after(stream, afterId, count);
      if (ready.length > 0 || signal?.aborted) return ready;
      return new Promise<LoggedEvent[]>((resolve) => {
        const set = waiters.get(stream) ?? new Set<() => void>();
        waiters.set(stream, set);
        const finish = () => {
          clearTimeout(timer);
          set.delete(finish);
          signal?.removeEventListener("abort", finish);
          resolve(after(stream, afterId, count));
        };
        const timer = setTimeout(finish, blockMs);
        set.add(finish);
        signal?.addEventListener("abort", finish, { once: true });
      });
    },
    async lastId(stream) {
      return entries(stream).at(-1)?.id ?? null;
    },
    async close() {
      for (const set of waiters.values()) for (const wake of set) wake();
    },
  };
}
