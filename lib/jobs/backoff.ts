/** The local provider's wait before retry n (1-based): min(maxMs, initialMs·factor^(n-1)). */
export function backoffDelayMs(backoff: { initialMs: number; factor: number; maxMs: number }, retry: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, retry - 1));
}
