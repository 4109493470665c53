/** Calls in flight per openFDA client unless OPENFDA_MAX_CONCURRENCY says otherwise. */
export const DEFAULT_OPENFDA_MAX_CONCURRENCY = 4;

/**
 * A counting semaphore: at most `max` tasks run at once, the rest wait in arrival order. openFDA
 * answers bursts of parallel calls with 429s, and a fan-out anywhere above the client (Promise.all
 * in a pipeline step) would otherwise pass every call at once.
 */
export function createConcurrencyLimit(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency limit must be a whole number ≥ 1, got ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];

  return {
    max,
    /** Tasks running now (never above max). */
    get active(): number {
      return active;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < max) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        // Hand the slot straight to the next waiter, so a newcomer cannot take it in between.
        const next = waiting.shift();
        if (next) next();
        else active -= 1;
      }
    },
  };
}
