import "server-only";
import { createCachedReader, type CachePolicy } from "@/lib/cache/cached";
import { getCacheStore } from "@/lib/cache/get-cache-store";
import { dataSourceOf, getEnv, type DataSourceKind } from "@/lib/env";
import { createFaersFilesSource } from "@/lib/pipeline/faers-files/source";
import { getFaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { createOpenFdaSource } from "@/lib/pipeline/openfda/source";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import type { ProductSource } from "@/lib/pipeline/product-source";
import { recordOpenFdaAttempt } from "@/lib/sources/openfda/attempt-telemetry";
import { createOpenFdaClient, type OpenFdaClient, type OpenFdaClientOptions } from "@/lib/sources/openfda/client";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";
import { createSharedOpenFdaBudget } from "@/lib/pipeline/openfda/shared-budget";

/** What the pipeline needs: the one product source, the cache for derived analyses, and the clock. */
export type PipelineDeps = {
  source: ProductSource;
  cached: ReturnType<typeof createCachedReader>;
  policy: CachePolicy;
  /** Today's date (UTC, ISO), the default end of every date range. */
  today: () => string;
};

/** Stale copies are kept this long past freshness, to answer while openFDA is down. */
const STALE_SECONDS = 7 * 24 * 3600;

const utcToday = () => new Date().toISOString().slice(0, 10);

/** Which source this server answers product questions from (FAERS_DATA_DIR set: the files; else openFDA). */
export function getDataSourceKind(): DataSourceKind {
  return dataSourceOf(getEnv());
}

/** The openFDA client as env configures it; `overrides` for a caller with other needs (/api/ready's probe). */
export function createOpenFdaClientFromEnv(overrides: Partial<OpenFdaClientOptions> = {}): OpenFdaClient {
  const env = getEnv();
  return createOpenFdaClient({
    baseUrl: env.OPENFDA_BASE_URL,
    apiKey: env.OPENFDA_API_KEY,
    timeoutMs: env.OPENFDA_TIMEOUT_MS,
    maxAttempts: env.OPENFDA_MAX_ATTEMPTS,
    rateLimiter: createFairBudget({
      perMinute: env.OPENFDA_RATE_LIMIT_PER_MINUTE,
      maxWaitMs: env.OPENFDA_MAX_WAIT_MS,
      shared: createSharedOpenFdaBudget(env.OPENFDA_RATE_LIMIT_PER_MINUTE),
    }),
    maxConcurrency: env.OPENFDA_MAX_CONCURRENCY,
    onAttempt: recordOpenFdaAttempt,
    ...overrides,
  });
}

function openFdaSourceDepsFromEnv(cached: PipelineDeps["cached"], policy: CachePolicy): OpenFdaSourceDeps {
  return { client: createOpenFdaClientFromEnv(), cached, policy };
}

const globalForPipeline = globalThis as unknown as { cerPipelineDeps?: PipelineDeps };

/** The process-wide pipeline deps; the product source is chosen here, once, from env. */
export function getPipelineDeps(): PipelineDeps {
  if (globalForPipeline.cerPipelineDeps) return globalForPipeline.cerPipelineDeps;
  const env = getEnv();
  const cached = createCachedReader(getCacheStore());
  const policy = { freshSeconds: env.CACHE_TTL_SECONDS, staleSeconds: STALE_SECONDS };
  const source =
    getDataSourceKind() === "faers-files" ? createFaersFilesSource(getFaersFilesDeps) : createOpenFdaSource(openFdaSourceDepsFromEnv(cached, policy));
  const deps: PipelineDeps = { source, cached, policy, today: utcToday };
  globalForPipeline.cerPipelineDeps = deps;
  return deps;
}

/** For tests: the pipeline deps for the rest of the process (undefined: built from env again). */
export function setPipelineDepsForTests(deps: PipelineDeps | undefined): void {
  globalForPipeline.cerPipelineDeps = deps;
}
