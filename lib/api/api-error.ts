import { ERROR_STATUS, type ErrorCode } from "@/lib/api/error-codes";

// Objects kept on globalThis (the state store, made at boot in instrumentation's module graph) throw
// ApiErrors of another copy of this class than a route's bundle has, so `instanceof` alone misses
// them. A registry-wide symbol brand recognises every copy.
const API_ERROR_BRAND = Symbol.for("cer-analytics.ApiError");

/** The one error type code anywhere in lib throws; only lib/api turns it into a Response. */
export class ApiError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR_BRAND] === true;
  }

  readonly [API_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(options: { code: ErrorCode; message: string; details?: unknown; headers?: Record<string, string>; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "ApiError";
    this.code = options.code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 401 with the Bearer challenge: no credentials, or ones that are not (or no longer) valid. */
export function unauthorized(message: string): ApiError {
  return new ApiError({ code: "unauthorized", message, headers: { "www-authenticate": 'Bearer realm="cer-analytics"' } });
}

export function invalidInput(message: string, details?: unknown): ApiError {
  return new ApiError({ code: "invalid_input", message, details });
}
