import { Inngest } from "inngest";
import { inngestSdkLogger } from "@/inngest/sdk-logger";
import { getEnv, type ServerEnv } from "@/lib/env";

export type InngestEnv = Pick<ServerEnv, "INNGEST_DEV" | "INNGEST_EVENT_KEY" | "INNGEST_SIGNING_KEY" | "INNGEST_BASE_URL">;

export const INNGEST_APP_ID = "cer-analytics";

/**
 * INNGEST_DEV: "1"/"true" → the dev server on its default URL; a URL → the dev server there;
 * "0"/"false"/unset → cloud (or INNGEST_BASE_URL for a self-hosted server), signatures checked.
 */
export function toInngestMode(env: InngestEnv): { isDev: boolean; baseUrl: string | undefined } {
  const dev = env.INNGEST_DEV?.trim();
  if (dev !== undefined && /^https?:\/\//i.test(dev)) return { isDev: true, baseUrl: dev };
  const isDev = dev !== undefined && ["1", "true"].includes(dev.toLowerCase());
  return { isDev, baseUrl: env.INNGEST_BASE_URL };
}

/** A client from the parsed env, every option passed explicitly (the SDK's own env lookup never decides). */
export function createInngestClient(env: InngestEnv, options: { fetch?: typeof fetch } = {}): Inngest {
  const { isDev, baseUrl } = toInngestMode(env);
  return new Inngest({
    id: INNGEST_APP_ID,
    isDev,
    logger: inngestSdkLogger,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(env.INNGEST_EVENT_KEY !== undefined ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
    ...(env.INNGEST_SIGNING_KEY !== undefined ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  });
}

let client: Inngest | undefined;

/** The process-wide client (one per process: the serve route, the provider and the worker share it). */
export function getInngestClient(): Inngest {
  client ??= createInngestClient(getEnv());
  return client;
}

/** For tests: forget the client so a changed env takes effect. */
export function resetInngestClientForTests(): void {
  client = undefined;
}
