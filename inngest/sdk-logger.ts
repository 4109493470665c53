import type { Logger } from "inngest";
import { logger } from "@/lib/observability/logger";

// The SDK's own messages (sync, signature checks, step errors) as the app's JSON log lines, so
// LOG_LEVEL and redaction apply to them too. The SDK logs pino-style ({ err }, "message") or strings.

function describe(arg: unknown): string {
  if (typeof arg === "string") return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  if (typeof arg === "object" && arg !== null) {
    return Object.entries(arg)
      .map(([key, value]) => `${key}=${value instanceof Error ? `${value.name}: ${value.message}` : typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
  }
  return String(arg);
}

const line = (args: unknown[]) => ({ message: args.map(describe).join(" ") });

export const inngestSdkLogger: Logger = {
  debug: (...args) => logger.debug("inngest.sdk", line(args)),
  info: (...args) => logger.info("inngest.sdk", line(args)),
  warn: (...args) => logger.warn("inngest.sdk", line(args)),
  error: (...args) => logger.error("inngest.sdk", line(args)),
};
