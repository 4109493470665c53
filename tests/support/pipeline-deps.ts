// Pipeline deps for tests: the openFDA source over a real client pointed at a local (fake) server, or
// the FAERS-file source over an import; the ask of a made-up user.
import { createCachedReader, type CachePolicy } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import type { Ask } from "@/lib/pipeline/ask";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { createFaersFilesSource } from "@/lib/pipeline/faers-files/source";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { createOpenFdaSource } from "@/lib/pipeline/openfda/source";
import { createOpenFdaClient, type OpenFdaClientOptions } from "@/lib/sources/openfda/client";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";

/** The ask of a test: a made-up user, no as-of date. */
export const TEST_ASK: Ask = { caller: "user:test" };

/** Pipeline deps over the openFDA source (a real client against a local server, a real cache). */
export function openFdaPipelineDeps(deps: OpenFdaSourceDeps & { today: () => string }): PipelineDeps {
  const { today, ...sourceDeps } = deps;
  return { source: createOpenFdaSource(sourceDeps), cached: sourceDeps.cached, policy: sourceDeps.policy, today };
}

/** The openFDA source against a local server with a fresh in-memory cache, so every call reaches the server. */
export function fakeOpenFdaDeps(baseUrl: string, client: Partial<OpenFdaClientOptions> = {}): PipelineDeps {
  return openFdaPipelineDeps({
    client: createOpenFdaClient({ baseUrl, timeoutMs: 2000, maxAttempts: 1, rateLimiter: createFairBudget({ perMinute: 240, maxWaitMs: Number.POSITIVE_INFINITY }), ...client }),
    cached: createCachedReader(createMemoryStore()),
    policy: { freshSeconds: 60, staleSeconds: 60 },
    today: () => "2025-12-31",
  });
}

/** Pipeline deps over imported FAERS files, with an in-memory cache for derived analyses. */
export function faersFilesPipelineDeps(files: FaersFilesDeps, today = "2025-12-31", policy: CachePolicy = { freshSeconds: 60, staleSeconds: 60 }): PipelineDeps {
  return { source: createFaersFilesSource(async () => files), cached: createCachedReader(createMemoryStore()), policy, today: () => today };
}
