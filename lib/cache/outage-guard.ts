/**
 * After a failed call, skip the backend for a short while, so an outage costs one timeout per
 * window instead of one per request. Not a full circuit breaker: the next call after the window
 * is the probe.
 */
export function createOutageGuard(options: { skipMs: number; now?: () => number; onFailure?: (error: unknown) => void }) {
  const now = options.now ?? Date.now;
  let downUntil = 0;
  return {
    isOpen: () => now() < downUntil,
    async run<T>(call: () => Promise<T>, fallback: T): Promise<T> {
      if (now() < downUntil) return fallback;
      try {
        return await call();
      } catch (error) {
        downUntil = now() + options.skipMs;
        options.onFailure?.(error);
        return fallback;
      }
    },
  };
}
