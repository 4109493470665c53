// An append-only log of events with ordered ids, read after a given id: the alert log (issue #12).
// Redis: a stream (XADD with MAXLEN ~, XRANGE, XREAD BLOCK on a connection of its own); Upstash: the
// same stream, polled with XRANGE (its REST API cannot block); memory: an in-process array, for the
// embedded default. Ids are Redis stream ids ("<ms>-<seq>") in every backend, so a Last-Event-ID from
// one backend's era compares the same way.

export type LoggedEvent = { id: string; data: string };

export interface EventLog {
  readonly kind: "memory" | "redis" | "upstash";
  /** Appends `data`; returns the new entry's id. The log keeps about `maxLength` newest entries. */
  append(stream: string, data: string): Promise<string>;
  /** Entries with an id greater than `afterId` (null: from the oldest kept), oldest first, at most `count`. */
  readAfter(stream: string, afterId: string | null, count: number): Promise<LoggedEvent[]>;
  /**
   * Like readAfter, but when nothing is there yet waits up to `blockMs` for an entry (Redis XREAD
   * BLOCK; Upstash: polls; memory: wakes on append). Resolves [] on timeout or when `signal` aborts.
   */
  waitAfter(stream: string, afterId: string | null, count: number, blockMs: number, signal?: AbortSignal): Promise<LoggedEvent[]>;
  /** The newest entry's id, or null for an empty log. */
  lastId(stream: string): Promise<string | null>;
  /** Releases what the log holds open (the blocking connection). */
  close(): Promise<void>;
}

/** Compares two stream ids ("<ms>-<seq>"): negative when a < b. */
export function compareEventIds(a: string, b: string): number {
  const [am = "0", as = "0"] = a.split("-");
  const [bm = "0", bs = "0"] = b.split("-");
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(as) - BigInt(bs);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}

/** A Last-Event-ID a client may send: a stream id. Anything else is ignored (replay from `since`). */
export const EVENT_ID_PATTERN = /^\d{1,15}-\d{1,10}$/;
