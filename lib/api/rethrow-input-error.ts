import { AppError } from "@/lib/errors/app-error";

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a pure analytics call; if it throws one of the given input-error classes (bad series, bad table,
 * malformed file), that becomes a 400 `invalid_input` carrying its message. Anything else propagates.
 */
export function runWithInputErrors<T>(call: () => T, inputErrors: ErrorClass[], details?: (error: Error) => unknown): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof Error && inputErrors.some((cls) => error instanceof cls)) {
      throw new AppError({ code: "invalid_input", message: error.message, details: details?.(error), cause: error });
    }
    throw error;
  }
}
