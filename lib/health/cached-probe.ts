import type { ReadinessCheck } from "@/lib/schemas/operations";

/** What a probe saw: whether the dependency answered, and a line for an operator (never a secret or a URL with a key). */
export type ProbeOutcome = { ok: boolean; detail: string };

export type CachedProbeOptions = {
  /** How long an answer (success or failure) is reused, so probes do not spend an upstream's rate limit. */
  ttlMs: number;
  probe: () => Promise<ProbeOutcome>;
  /** What a throwing probe reports (its message might hold a URL). */
  failureDetail: string;
  now?: () => number;
};

export type ProbeResult = Omit<ReadinessCheck, "required">;

/**
 * A probe whose answer is kept `ttlMs` and that never runs twice at once: callers that arrive while it
 * runs share its answer (single flight), so a burst of readiness calls makes one upstream request.
 */
export function createCachedProbe(options: CachedProbeOptions): () => Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  let cached: { result: ProbeResult; until: number } | undefined;
  let inFlight: Promise<ProbeResult> | undefined;

  async function run(): Promise<ProbeResult> {
    const started = now();
    let outcome: ProbeOutcome;
    try {
      outcome = await options.probe();
    } catch {
      outcome = { ok: false, detail: options.failureDetail };
    }
    const finished = now();
    const result = { ok: outcome.ok, detail: outcome.detail, checkedAt: new Date(started).toISOString(), ms: Math.max(0, finished - started) };
    cached = { result, until: finished + options.ttlMs };
    return result;
  }

  return () => {
    if (cached && now() < cached.until) return Promise.resolve(cached.result);
    inFlight ??= run().finally(() => (inFlight = undefined));
    return inFlight;
  };
}
