import "server-only";
import type { Redis } from "@upstash/redis";
import type { EventLog, LoggedEvent } from "@/lib/cache/event-log";

// The alert log on Upstash: the same stream as on Redis (XADD with MAXLEN ~, XRANGE with an exclusive
// start). The REST API cannot block, so waitAfter polls XRANGE every `pollMs` until an entry arrives,
// `blockMs` passes or the signal aborts.

const DEFAULT_POLL_MS = 500;

/** XRANGE's answer: raw [id, [field, value, …]] pairs, or the client's deserialised { id: { field: value } }. */
function toEvents(result: unknown): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  if (Array.isArray(result)) {
    for (const entry of result as [string, unknown[]][]) {
      const [id, fields] = entry;
      const at = fields.indexOf("data");
      if (at >= 0 && at % 2 === 0) events.push({ id: String(id), data: String(fields[at + 1] ?? "") });
    }
  } else if (result !== null && typeof result === "object") {
    for (const [id, fields] of Object.entries(result as Record<string, Record<string, unknown>>)) {
      const data = fields.data;
      if (data !== undefined) events.push({ id, data: typeof data === "string" ? data : JSON.stringify(data) });
    }
  }
  return events;
}

export function createUpstashEventLog(client: Redis, options: { maxLength: number; pollMs?: number }): EventLog {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const readAfter = async (stream: string, afterId: string | null, count: number) =>
    toEvents(await client.xrange(stream, afterId === null ? "-" : `(${afterId}`, "+", count));

  return {
    kind: "upstash",
    async append(stream, data) {
      const id = await client.xadd(stream, "*", { data }, { trim: { type: "MAXLEN", comparison: "~", threshold: options.maxLength } });
      return String(id);
    },
    readAfter,
    async waitAfter(stream, afterId, count, blockMs, signal) {
      const deadline = Date.now() + blockMs;
      for (;;) {
        if (signal?.aborted) return [];
        const events = await readAfter(stream, afterId, count);
        if (events.length > 0 || signal?.aborted) return signal?.aborted ? [] : events;
        const left = deadline - Date.now();
        if (left <= 0) return [];
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", done);
            resolve();
          };
          const timer = setTimeout(done, Math.min(pollMs, left));
          signal?.addEventListener("abort", done, { once: true });
        });
      }
    },
    async lastId(stream) {
      const raw = (await client.xrevrange(stream, "+", "-", 1)) as unknown;
      return toEvents(raw)[0]?.id ?? null;
    },
    async close() {},
  };
}
