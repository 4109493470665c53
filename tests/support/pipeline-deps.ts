// Pipeline deps for tests over real HTTP: the openFDA client pointed at a local (fake) server and a
// fresh in-memory cache, so every call reaches the server and no test sees another's answers.
import { createCachedReader } from "@/lib/cache/cached";
import { createMemoryStore } from "@/lib/cache/memory-store";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import { createOpenFdaClient, type OpenFdaClientOptions } from "@/lib/sources/openfda/client";
import { createTokenBucket } from "@/lib/sources/openfda/rate-limiter";

export function fakeOpenFdaDeps(baseUrl: string, client: Partial<OpenFdaClientOptions> = {}): PipelineDeps {
  return {
    client: createOpenFdaClient({ baseUrl, timeoutMs: 2000, maxAttempts: 1, rateLimiter: createTokenBucket({ perMinute: 240 }), ...client }),
    cached: createCachedReader(createMemoryStore()),
    policy: { freshSeconds: 60, staleSeconds: 60 },
    today: () => "2025-12-31",
  };
}
