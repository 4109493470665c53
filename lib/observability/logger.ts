import "server-only";
import { getEnv } from "@/lib/env";

// One JSON line per event on stdout. Event names follow `module.action`. Callers must never pass
// secrets (API keys, tokens, cookies) or personal data; `redact` guards the keys we know about.

type Level = "debug" | "info" | "warn" | "error";
const LEVEL_ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEY = /(api[_-]?key|authorization|token|password|secret|cookie)/i;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_KEY.test(key) ? "[redacted]" : value;
  return out;
}

function currentLevel(): Level | "silent" {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    return "info";
  }
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  if (LEVEL_ORDER[level] < LEVEL_ORDER[currentLevel()]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(fields) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
