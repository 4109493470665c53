import "server-only";
import { createCachedReader, type CachePolicy } from "@/lib/cache/cached";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { createOpenFdaClient, type OpenFdaClient } from "@/lib/sources/openfda/client";
import { createTokenBucket } from "@/lib/sources/openfda/rate-limiter";

/** What the pipeline needs from the outside; tests build their own (real Redis, local openFDA). */
export type PipelineDeps = {
  client: OpenFdaClient;
  cached: ReturnType<typeof createCachedReader>;
  policy: CachePolicy;
  /** Today's date (UTC, ISO), the default end of every date range. */
  today: () => string;
};

/** Stale copies are kept this long past freshness, to answer while openFDA is down. */
const STALE_SECONDS = 7 * 24 * 3600;

const globalForPipeline = globalThis as unknown as { cerPipelineDeps?: PipelineDeps };

export function getPipelineDeps(): PipelineDeps {
  if (globalForPipeline.cerPipelineDeps) return globalForPipeline.cerPipelineDeps;
  const env = getEnv();
  const deps: PipelineDeps = {
    client: createOpenFdaClient({
      baseUrl: env.OPENFDA_BASE_URL,
      apiKey: env.OPENFDA_API_KEY,
      timeoutMs: env.OPENFDA_TIMEOUT_MS,
      maxAttempts: env.OPENFDA_MAX_ATTEMPTS,
      rateLimiter: createTokenBucket({ perMinute: env.OPENFDA_RATE_LIMIT_PER_MINUTE }),
      maxConcurrency: env.OPENFDA_MAX_CONCURRENCY,
      onAttempt: (e) => logger.info("openfda.request", { url: e.url, attempt: e.attempt, status: e.status, ms: e.ms }),
    }),
    cached: createCachedReader(getCacheStore()),
    policy: { freshSeconds: env.CACHE_TTL_SECONDS, staleSeconds: STALE_SECONDS },
    today: () => new Date().toISOString().slice(0, 10),
  };
  globalForPipeline.cerPipelineDeps = deps;
  return deps;
}
