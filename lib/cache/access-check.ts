import "server-only";
import type { Redis as UpstashRedis } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";
import type { BackendConnection } from "@/lib/cache/connection";
import { createOutageGuard } from "@/lib/cache/outage-guard";
import {
  ACCESS_CHECK_SCRIPT,
  ACCESS_CHECK_SHA1,
  accessCheckKeysAndArgs,
  decodeAccessReply,
  type AccessCheckInput,
  type AccessReply,
} from "@/lib/cache/access-script";
import { logger } from "@/lib/observability/logger";

/**
 * The credential → user lookup and the API rate limit in one store call. Null means "no answer from
 * the store": the caller then takes the separate path (state store reads, which fail closed, and the
 * rate limiter with its in-process fallback), so an outage behaves exactly as before. After a failure
 * the script is skipped for a second, so an outage does not cost two timeouts per request.
 */
export type AccessChecker = { check(input: AccessCheckInput): Promise<AccessReply | null> };

const OUTAGE_SKIP_MS = 1000;

const isNoScript = (error: unknown) => String(error).includes("NOSCRIPT");

/** EVALSHA, and the script itself once per Redis (start or restart). */
async function runOnIoredis(client: IORedis, whenReady: () => Promise<void>, keys: string[], args: string[]): Promise<unknown> {
  await whenReady();
  try {
    return await client.evalsha(ACCESS_CHECK_SHA1, keys.length, ...keys, ...args);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return client.eval(ACCESS_CHECK_SCRIPT, keys.length, ...keys, ...args);
  }
}

async function runOnUpstash(client: UpstashRedis, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalsha(ACCESS_CHECK_SHA1, keys, args);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return client.eval(ACCESS_CHECK_SCRIPT, keys, args);
  }
}

/** Redis or Upstash run the script; the memory backend has no round trips to save (null: separate path). */
export function createAccessChecker(connection: BackendConnection): AccessChecker {
  if (connection.kind === "memory") return { check: async () => null };
  const run =
    connection.kind === "redis"
      ? (keys: string[], args: string[]) => runOnIoredis(connection.client, connection.whenReady, keys, args)
      : (keys: string[], args: string[]) => runOnUpstash(connection.client, keys, args);
  const guard = createOutageGuard({
    skipMs: OUTAGE_SKIP_MS,
    onFailure: (error) =>
      logger.warn("auth.access_check_failed", {
        backend: connection.kind,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 200),
      }),
  });
  return {
    check: (input) =>
      guard.run<AccessReply | null>(async () => {
        const { keys, args } = accessCheckKeysAndArgs(input);
        return decodeAccessReply(await run(keys, args), input);
      }, null),
  };
}
