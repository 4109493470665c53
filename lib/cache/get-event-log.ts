import "server-only";
import { getBackendConnection } from "@/lib/cache/connection";
import type { EventLog } from "@/lib/cache/event-log";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { createRedisEventLog } from "@/lib/cache/redis-event-log";
import { createUpstashEventLog } from "@/lib/cache/upstash-event-log";
import { getEnv } from "@/lib/env";

const globalForLog = globalThis as unknown as { cerEventLog?: EventLog };

/** One event log per process, on the state store's backend choice (Upstash > Redis > memory). */
export function getEventLog(): EventLog {
  if (globalForLog.cerEventLog) return globalForLog.cerEventLog;
  const env = getEnv();
  const connection = getBackendConnection();
  const log =
    connection.kind === "upstash"
      ? createUpstashEventLog(connection.client, { maxLength: env.ALERT_LOG_MAX_LENGTH })
      : connection.kind === "redis"
        ? createRedisEventLog(connection.client, connection.whenReady, { maxLength: env.ALERT_LOG_MAX_LENGTH, commandTimeoutMs: env.CACHE_TIMEOUT_MS })
        : createMemoryEventLog({ maxLength: env.ALERT_LOG_MAX_LENGTH });
  globalForLog.cerEventLog = log;
  return log;
}

/** For tests: use this log for the rest of the process. */
export function setEventLogForTests(log: EventLog | undefined): void {
  globalForLog.cerEventLog = log;
}
