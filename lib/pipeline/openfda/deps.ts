import type { CachePolicy, createCachedReader } from "@/lib/cache/cached";
import type { OpenFdaClient } from "@/lib/sources/openfda/client";

/** What the openFDA source needs: the client, the shared cache and its policy. Tests build their own. */
export type OpenFdaSourceDeps = {
  client: OpenFdaClient;
  cached: ReturnType<typeof createCachedReader>;
  policy: CachePolicy;
};
