import { ZodError } from "zod";
import { AppError, INTERNAL_ERROR_MESSAGE } from "@/lib/errors/app-error";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/error-codes";
import { describeZodIssues, zodErrorMessage } from "@/lib/errors/zod-issues";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return jsonTextResponse(JSON.stringify(data), init);
}

/** A response from JSON text serialized elsewhere (e.g. by a worker thread, off the event loop). */
export function jsonTextResponse(json: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(json, {
    status: init.status ?? 200,
    headers: { ...JSON_HEADERS, ...init.headers },
  });
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): Response {
  const body: ErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return jsonResponse(body, { status: ERROR_STATUS[code], headers: { "cache-control": "no-store", ...headers } });
}

const CHALLENGE: Record<NonNullable<AppError["challenge"]>, string> = { bearer: 'Bearer realm="cer-analytics"' };

/** The HTTP headers an application error implies: when to retry, and the 401 challenge. */
export function headersOf(error: AppError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error.challenge !== undefined) headers["www-authenticate"] = CHALLENGE[error.challenge];
  return headers;
}

/** Maps any thrown value to the one error body. Unknown errors become a generic 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.details, headersOf(error));
  if (error instanceof ZodError) {
    return errorResponse("invalid_input", zodErrorMessage(error), { issues: describeZodIssues(error) });
  }
  return errorResponse("internal_error", INTERNAL_ERROR_MESSAGE);
}
