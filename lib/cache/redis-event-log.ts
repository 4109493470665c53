import "server-only";
import type { Redis } from "ioredis";
import type { EventLog, LoggedEvent } from "@/lib/cache/event-log";

// The alert log on Redis: a stream per log. XADD trims to about `maxLength` (MAXLEN ~, whole macro
// nodes, so cheap); XRANGE with an exclusive start reads a backlog; XREAD BLOCK waits for new entries
// on a duplicated connection of its own, so a blocked read never holds up the shared connection's
// commands. An abort unblocks it with CLIENT UNBLOCK from the shared connection.

type RawEntry = [id: string, fields: string[]];

function toEvents(entries: RawEntry[] | null | undefined): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  for (const [id, fields] of entries ?? []) {
    const at = fields.indexOf("data");
    if (at >= 0 && at % 2 === 0) events.push({ id, data: fields[at + 1] ?? "" });
  }
  return events;
}

/** XREAD's answer for one stream: [[key, entries]] (RESP2) or [key, entries] (a RESP3 map, flattened). */
function entriesOf(result: unknown, stream: string): RawEntry[] {
  if (!Array.isArray(result) || result.length === 0) return [];
  if (typeof result[0] === "string") return result[0] === stream ? (result[1] as RawEntry[]) : [];
  const pair = (result as [string, RawEntry[]][]).find(([key]) => key === stream);
  return pair?.[1] ?? [];
}

export type RedisEventLogOptions = {
  maxLength: number;
  /** How long a command may take on the shared connection; the blocking read gets blockMs on top. */
  commandTimeoutMs: number;
};

export function createRedisEventLog(client: Redis, whenReady: () => Promise<void>, options: RedisEventLogOptions): EventLog {
  // Created on the first wait: a process that only appends never opens a second connection.
  let blocker: Redis | undefined;
  let blockerId: Promise<number> | undefined;
  // One blocked read at a time on the blocker (a second would queue behind it on the socket anyway).
  let queue: Promise<unknown> = Promise.resolve();

  const getBlocker = () => {
    if (!blocker) {
      // No command timeout on this one: XREAD BLOCK legitimately takes blockMs; a watchdog below
      // covers a dead socket. The offline queue stays off, as on the shared connection.
      const b = client.duplicate({ commandTimeout: undefined, lazyConnect: false });
      b.on("error", () => undefined); // the shared connection logs outages
      blocker = b;
      // Its client id (for CLIENT UNBLOCK), asked again after every reconnect: a new connection, a new id.
      blockerId = new Promise<number>((resolve) => {
        b.on("ready", () => {
          const id = b.call("CLIENT", "ID").then(Number);
          id.catch(() => undefined);
          if (blocker === b) blockerId = id;
          resolve(id);
        });
      });
    }
    return blocker;
  };

  const blockerReady = (b: Redis) =>
    b.status === "ready"
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            b.off("ready", onReady);
            reject(new Error("Redis is not connected"));
          }, options.commandTimeoutMs);
          const onReady = () => {
            clearTimeout(timer);
            resolve();
          };
          b.once("ready", onReady);
        });

  async function blockingRead(stream: string, afterId: string, count: number, blockMs: number, signal?: AbortSignal): Promise<LoggedEvent[]> {
    const b = getBlocker();
    await blockerReady(b);
    if (signal?.aborted) return [];
    const id = await blockerId?.catch(() => undefined);
    const onAbort = () => {
      if (id !== undefined) void client.call("CLIENT", "UNBLOCK", String(id)).catch(() => undefined);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    try {
      const read = b.call("XREAD", "COUNT", String(count), "BLOCK", String(Math.max(1, Math.ceil(blockMs))), "STREAMS", stream, afterId);
      const timedOut = new Promise<never>((_, reject) => {
        watchdog = setTimeout(() => reject(new Error("XREAD BLOCK did not return")), blockMs + options.commandTimeoutMs + 1000);
      });
      const result = await Promise.race([read, timedOut]);
      return toEvents(entriesOf(result, stream));
    } catch (error) {
      if (signal?.aborted) return [];
      // A socket that stopped answering: drop it, the next wait opens a fresh one.
      if (error instanceof Error && error.message === "XREAD BLOCK did not return") {
        blocker?.disconnect();
        blocker = undefined;
        blockerId = undefined;
      }
      throw error;
    } finally {
      clearTimeout(watchdog);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  const readAfter = async (stream: string, afterId: string | null, count: number) => {
    await whenReady();
    const raw = (await client.call("XRANGE", stream, afterId === null ? "-" : `(${afterId}`, "+", "COUNT", String(count))) as RawEntry[];
    return toEvents(raw);
  };

  return {
    kind: "redis",
    async append(stream, data) {
      await whenReady();
      return (await client.call("XADD", stream, "MAXLEN", "~", String(options.maxLength), "*", "data", data)) as string;
    },
    readAfter,
    async waitAfter(stream, afterId, count, blockMs, signal) {
      if (signal?.aborted) return [];
      const run = queue.then(() => blockingRead(stream, afterId ?? "0-0", count, blockMs, signal));
      queue = run.catch(() => undefined);
      return run;
    },
    async lastId(stream) {
      await whenReady();
      const raw = (await client.call("XREVRANGE", stream, "+", "-", "COUNT", "1")) as RawEntry[];
      return raw[0]?.[0] ?? null;
    },
    async close() {
      const b = blocker;
      blocker = undefined;
      blockerId = undefined;
      b?.disconnect();
    },
  };
}
