// Browser-safe: a server action's result as react-query wants it — the data, or the same ApiClientError
// an API call would throw for that code and message.
import type { ActionResult } from "@/lib/actions/action-result";
import { ApiClientError } from "@/lib/client/api-fetch";
import { ERROR_STATUS } from "@/lib/errors/error-codes";

export async function unwrapAction<T>(call: Promise<ActionResult<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.data;
  throw new ApiClientError(result.error.message, result.error.code, ERROR_STATUS[result.error.code]);
}
