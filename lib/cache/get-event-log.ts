import "server-only";
import { getEnv } from "@/lib/env";
import type { EventLog } from "@/lib/cache/event-log";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";

const globalForLog = globalThis as unknown as { cerEventLog?: EventLog };

/** One event log per process, on the state store's backend choice (Upstash > Redis > memory). */
export function getEventLog(): EventLog {
  if (globalForLog.cerEventLog) return globalForLog.cerEventLog;
  // The Redis and Upstash logs come with the SSE delivery work; until then every backend logs in memory.
  const log = createMemoryEventLog({ maxLength: getEnv().ALERT_LOG_MAX_LENGTH });
  globalForLog.cerEventLog = log;
  return log;
}

/** For tests: use this log for the rest of the process. */
export function setEventLogForTests(log: EventLog | undefined): void {
  globalForLog.cerEventLog = log;
}
