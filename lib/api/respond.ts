import { ZodError } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/error-codes";

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
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

/** Zod issues as `{ path, message }` pairs a person can act on. */
export function describeZodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
}

export function zodErrorMessage(error: ZodError): string {
  return describeZodIssues(error)
    .map((issue) => (issue.path === "(root)" ? issue.message : `${issue.path}: ${issue.message}`))
    .join("; ");
}

/** Maps any thrown value to the one error body. Unknown errors become a generic 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.code, error.message, error.details, error.headers);
  if (error instanceof ZodError) {
    return errorResponse("invalid_input", zodErrorMessage(error), { issues: describeZodIssues(error) });
  }
  return errorResponse("internal_error", "Something went wrong on our side. The error was logged; please try again.");
}
