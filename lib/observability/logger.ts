import "server-only";
import pino, { type DestinationStream, type Level, type Logger as PinoLogger } from "pino";
import pretty from "pino-pretty";
import { getEnv, type ServerEnv } from "@/lib/env";
import { scrubForLog } from "@/lib/observability/log-redaction";
import { currentRequestId } from "@/lib/observability/request-context";
import { APP_VERSION } from "@/lib/version";

// One JSON line per event on stdout (pino): `{"level","time","service","version","pid","requestId"?,
// "event", ...fields}`. Event names follow `module.action`. Callers must still never pass secrets or
// personal data; two guards stand behind them: pino's `redact` paths for the usual places, and
// scrubForLog over the whole line (sensitive keys at any depth, emails and credentials in any string).
// Inside a request (or a job a request started) every line carries its requestId (pino mixin).

type LogLevel = Level | "silent";

/** Known places of secrets; scrubForLog also catches them elsewhere. */
const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "authorization",
  "cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
];

type LoggerState = { logger?: PinoLogger };

// On globalThis: instrumentation.ts and each route bundle load their own copy of this module, and
// the test seam below must reach the copy the code under test uses.
const STATE_KEY = Symbol.for("cer.observability.logger");
const globalSlot = globalThis as unknown as { [STATE_KEY]?: LoggerState };
const state: LoggerState = (globalSlot[STATE_KEY] ??= {});

function wantsPretty(env: Pick<ServerEnv, "LOG_PRETTY" | "NODE_ENV">): boolean {
  if (env.LOG_PRETTY === undefined) return env.NODE_ENV === "development";
  return env.LOG_PRETTY === "1" || env.LOG_PRETTY === "true";
}

function build(level: LogLevel, destination: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { service: "cer-analytics", version: APP_VERSION, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubForLog(object) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
    },
    destination,
  );
}

function fromEnv(): PinoLogger {
  let env: ServerEnv | undefined;
  try {
    env = getEnv();
  } catch {
    // A bad env stops the start elsewhere, with its own message; until then log at info, as JSON.
  }
  const level: LogLevel = env?.LOG_LEVEL ?? "info";
  // pino-pretty as an in-process stream: a worker transport does not survive Next's bundling.
  const destination =
    env && wantsPretty(env) ? pretty({ sync: true, destination: 1, messageFormat: "{event}", ignore: "pid,service,version,event", translateTime: "SYS:HH:MM:ss.l" }) : pino.destination({ dest: 1, sync: true });
  const logger = build(level, destination);
  if (env) state.logger = logger;
  return logger;
}

function current(): PinoLogger {
  return state.logger ?? fromEnv();
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const target = current();
  if (!target.isLevelEnabled(level)) return;
  const line: Record<string, unknown> = { event, ...fields };
  line.event = event;
  target[level](line);
}

export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};

/**
 * For tests: send every line to `destination` at `level` (the real logger, the real serialisation),
 * or, with no destination, go back to stdout and the env's settings.
 */
export function setLogDestinationForTests(destination: DestinationStream | undefined, level: LogLevel = "debug"): void {
  state.logger = destination ? build(level, destination) : undefined;
}
