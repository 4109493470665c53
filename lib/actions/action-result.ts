import type { ErrorCode } from "@/lib/errors/error-codes";

// Browser-safe: what every server action returns, and what the forms read. An error carries the same
// code and message the API would give; never an internal message.
export type ActionError = { code: ErrorCode; message: string };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
