import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/error-codes";

// Objects kept on globalThis (the state store, made at boot in instrumentation's module graph) throw
// AppErrors of another copy of this class than a route's bundle has, so `instanceof` alone misses
// them. A registry-wide symbol brand recognises every copy.
const APP_ERROR_BRAND = Symbol.for("cer-analytics.AppError");

export type AppErrorOptions = {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** When a retry is sure to pass (rate limits, a busy or unreachable store). */
  retryAfterSeconds?: number;
  /** For 401s: the authentication scheme the caller should use (the edge writes the challenge header). */
  challenge?: "bearer";
  cause?: unknown;
};

/**
 * The application error: any layer may throw it; only the edges (lib/api for routes, lib/actions
 * for server actions) turn it into a response. It carries no HTTP headers, only what they derive from.
 */
export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR_BRAND] === true;
  }

  readonly [APP_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;
  readonly challenge: "bearer" | undefined;

  constructor(options: AppErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = "AppError";
    this.code = options.code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.challenge = options.challenge;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** What a caller is told about an unexpected error, whose cause is only logged (the API and actions alike). */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. The error was logged; please try again.";

/** 401 with the Bearer challenge: no credentials, or ones that are not (or no longer) valid. */
export function unauthorized(message: string): AppError {
  return new AppError({ code: "unauthorized", message, challenge: "bearer" });
}

export function invalidInput(message: string, details?: unknown): AppError {
  return new AppError({ code: "invalid_input", message, details });
}

export function notFound(message: string, details?: unknown): AppError {
  return new AppError({ code: "not_found", message, details });
}
