/**
 * Process-wide token bucket for outbound openFDA calls. Burst capacity plus refill over any 60 s window
 * never exceeds `perMinute`, so the app stays under openFDA's 240 requests a minute. Callers queue FIFO.
 */
export function createTokenBucket(options: {
  perMinute: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}) {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, Math.floor(options.perMinute / 8));
  const refillPerMs = Math.max(options.perMinute - capacity, 1) / 60_000;
  let tokens = capacity;
  let last = now();
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - last) * refillPerMs);
    last = t;
  };

  return {
    capacity,
    take(): Promise<void> {
      const turn = queue.then(async () => {
        refill();
        if (tokens < 1) {
          await sleep(Math.ceil((1 - tokens) / refillPerMs));
          refill();
        }
        tokens -= 1;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

export type TokenBucket = ReturnType<typeof createTokenBucket>;
