import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";

/** Runs a state-store call; any backend failure becomes a 503 the caller cannot mistake for "not found". */
export async function orUnavailable<T>(backend: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    logger.warn("state.unavailable", { backend, error: error instanceof Error ? error.message : String(error) });
    throw new AppError({
      code: "service_unavailable",
      message: "The account store is unavailable right now; try again in a moment.",
      retryAfterSeconds: 5,
      cause: error,
    });
  }
}
