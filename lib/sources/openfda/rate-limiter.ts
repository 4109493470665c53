import { createFairBudget } from "@/lib/sources/openfda/fair-budget";

/**
 * A token bucket for outbound openFDA calls with no bound on the wait: burst capacity plus refill over
 * any 60 s window never exceeds `perMinute`. The fair budget with every caller waiting its turn (tests
 * and scripts; the app uses createFairBudget with a bound).
 */
export function createTokenBucket(options: { perMinute: number; now?: () => number; sleep?: (ms: number) => Promise<void> }) {
  return createFairBudget({ ...options, maxWaitMs: Number.POSITIVE_INFINITY });
}

/** What the client needs of a budget: a turn for the caller of the current work. */
export type TokenBucket = { take(caller?: string): Promise<void> };
