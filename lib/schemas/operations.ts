import { z } from "zod";

// GET /api/ready: what a load balancer or orchestrator reads before sending traffic. Liveness stays at
// GET /api/health (healthResponseSchema in faers-response.ts), which answers 200 once the process serves.

export const readinessCheckSchema = z.object({
  ok: z.boolean(),
  /** A failing required check makes the answer 503; openFDA is reported but not required (the cache and
   * imported files still answer, and a live outage should not take every instance out of rotation). */
  required: z.boolean(),
  /** What was checked and what was seen, for an operator; never a secret or a URL with a key. */
  detail: z.string(),
  /** When the result was measured: checks that are cached (openFDA) give the time of the cached probe. */
  checkedAt: z.string().datetime(),
  /** How long the check took, in milliseconds (of the probe that was cached, for cached checks). */
  ms: z.number().nonnegative(),
});

export const readyResponseSchema = z.object({
  /** "ready" (HTTP 200) when every required check passes, else "not_ready" (HTTP 503 with retry-after). */
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    /** Boot finished: env checked, the first admin exists, local jobs resumed. */
    startup: readinessCheckSchema,
    /** The state store (Redis, Upstash or in-memory) answers a ping. */
    store: readinessCheckSchema,
    /** The job provider: the local provider's loop runs, or Inngest is configured (event key / dev URL). */
    jobs: readinessCheckSchema,
    /** openFDA answered a cheap query (cached READY_OPENFDA_CHECK_SECONDS; one probe in flight), or files are the source. */
    openfda: readinessCheckSchema,
  }),
  version: z.string(),
});

export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
