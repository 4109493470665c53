import { AppError } from "@/lib/errors/app-error";

/**
 * A check against a budget shared by every instance (Redis or Upstash): may one more openFDA request be
 * sent now? If not, how long until one may. Absent with the in-memory store (one process: the local
 * bucket is the whole budget).
 */
export type SharedBudgetCheck = () => Promise<{ allowed: true } | { allowed: false; retryAfterMs: number }>;

export type FairBudgetOptions = {
  /** openFDA requests per minute for this key (openFDA allows 240). */
  perMinute: number;
  /** Longest a request may wait for its turn; one that would wait longer is refused with 503 at once. */
  maxWaitMs: number;
  shared?: SharedBudgetCheck;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

type Waiter = { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> | null };

function budgetExhausted(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError({
    code: "service_unavailable",
    message: `openFDA's request budget is taken by other work right now; this request would wait about ${seconds} s. Try again in ${seconds} s.`,
    details: { upstream: "openFDA", reason: "budget" },
    retryAfterSeconds: seconds,
  });
}

/**
 * The openFDA request budget, shared fairly between callers. Tokens refill as a bucket whose burst plus
 * refill over any 60 s never exceeds `perMinute` (openFDA answers bursts with 429s); waiting requests
 * are served round-robin by caller, so one caller's many requests cannot starve another's one. A
 * request whose estimated wait exceeds `maxWaitMs` is refused at once (503 with Retry-After; the cache
 * then serves its stale copy if it has one); one that waits past it anyway (other instances took the
 * shared budget) is refused then. With `shared`, each token is also taken from the budget of all
 * instances together.
 */
export function createFairBudget(options: FairBudgetOptions) {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, Math.floor(options.perMinute / 8));
  const refillPerMs = Math.max(options.perMinute - capacity, 1) / 60_000;
  let tokens = capacity;
  let last = now();
  /** Waiting requests per caller; the map's order is the round-robin order. */
  const queues = new Map<string, Waiter[]>();
  let pumping = false;
  /** A token taken for the next waiter but not handed over yet (that waiter still counts as queued). */
  let holding = false;

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * refillPerMs);
    last = t;
  };

  /** The next waiter in round-robin order: the first caller's oldest request, that caller moved to the back. */
  function nextWaiter(): Waiter | undefined {
    for (const [caller, queue] of queues) {
      queues.delete(caller);
      const waiter = queue.shift();
      if (queue.length > 0) queues.set(caller, queue);
      if (waiter) return waiter;
    }
    return undefined;
  }

  /** Requests served before a new one of `caller`: its own queue, and from each other caller up to one more than that. */
  function aheadOf(caller: string): number {
    const own = queues.get(caller)?.length ?? 0;
    let ahead = own;
    for (const [other, queue] of queues) if (other !== caller) ahead += Math.min(queue.length, own + 1);
    return ahead;
  }

  async function takeToken(): Promise<void> {
    for (;;) {
      refill();
      if (tokens < 1) {
        await sleep(Math.ceil((1 - tokens) / refillPerMs));
        continue;
      }
      if (options.shared) {
        // The shared check fails open (the local bucket still holds this process to the limit).
        const decision = await options.shared().catch(() => ({ allowed: true as const }));
        if (!decision.allowed) {
          await sleep(decision.retryAfterMs);
          continue;
        }
      }
      tokens -= 1;
      holding = true;
      return;
    }
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queues.size > 0) {
        await takeToken();
        // Waiters that timed out meanwhile are gone; if none is left, the token is simply spent.
        const waiter = nextWaiter();
        holding = false;
        if (waiter) {
          if (waiter.timer) clearTimeout(waiter.timer);
          waiter.resolve();
        }
      }
    } finally {
      pumping = false;
    }
  }

  return {
    capacity,
    /** Resolves when `caller` may send one openFDA request; rejects with 503 when its turn is too far off. */
    take(caller = "anonymous"): Promise<void> {
      refill();
      const estimateMs = Math.max(0, aheadOf(caller) + 1 - tokens - (holding ? 1 : 0)) / refillPerMs;
      if (estimateMs > options.maxWaitMs) return Promise.reject(budgetExhausted(estimateMs));
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, reject, timer: null };
        if (Number.isFinite(options.maxWaitMs)) waiter.timer = setTimeout(() => {
          const queue = queues.get(caller);
          const index = queue?.indexOf(waiter) ?? -1;
          if (queue && index >= 0) {
            queue.splice(index, 1);
            if (queue.length === 0) queues.delete(caller);
            reject(budgetExhausted(options.maxWaitMs));
          }
        }, options.maxWaitMs);
        waiter.timer?.unref?.();
        const queue = queues.get(caller);
        if (queue) queue.push(waiter);
        else queues.set(caller, [waiter]);
        void pump();
      });
    },
  };
}

export type FairBudget = ReturnType<typeof createFairBudget>;

/** What the client needs of a budget: a turn for the caller of the current work. */
export type RequestBudget = { take(caller?: string): Promise<void> };
