import { ERROR_STATUS, type ErrorCode } from "@/lib/api/error-codes";

/** The one error type code anywhere in lib throws; only lib/api turns it into a Response. */
export class ApiError extends Error {
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

export function invalidInput(message: string, details?: unknown): ApiError {
  return new ApiError({ code: "invalid_input", message, details });
}
