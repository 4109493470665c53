import "server-only";
import { createHash } from "node:crypto";
import type { Redis as UpstashRedis } from "@upstash/redis";
import type { Redis as IORedis } from "ioredis";

// @upstash/ratelimit 2.2.0 starts its scripts with `#!lua flags=allow-key-locking`, a flag only
// Upstash knows: Redis 7 answers "ERR Unexpected flag in script shebang". Without the line the script
// runs with classic EVAL semantics, which is what it was written for.
const SHEBANG_LINE = /^#![^\n]*\n/;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * Lets @upstash/ratelimit's own Lua run on ioredis, so self-hosted Redis enforces the same algorithm
 * as Upstash. For a single-region sliding window with analytics, deny lists and dynamic limits off,
 * `limit()` touches only `evalsha(sha, keys, args)` and, on NOSCRIPT, `eval(script, keys, args)`
 * (its `safeEval`); `multi`/`hset` belong to the multi-region limiter, `get`/`set` to dynamic limits.
 * The script returns integers, which ioredis hands back as numbers: no conversion is needed.
 */
export function ioredisForRatelimit(client: IORedis, whenReady: () => Promise<void>): UpstashRedis {
  // The SDK's script hash → hash of the script as Redis stored it (without the shebang).
  const loaded = new Map<string, string>();

  const adapter = {
    async evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown> {
      const stored = loaded.get(sha);
      // Redis cannot hold a script under the SDK's hash, so skip a round trip that must fail.
      // safeEval treats any error mentioning NOSCRIPT as "send the script".
      if (stored === undefined) throw new Error("NOSCRIPT not loaded through this adapter yet");
      await whenReady();
      return client.evalsha(stored, keys.length, ...keys, ...args.map(String));
    },
    async eval(script: string, keys: string[], args: unknown[]): Promise<unknown> {
      const runnable = script.replace(SHEBANG_LINE, "");
      await whenReady();
      const result = await client.eval(runnable, keys.length, ...keys, ...args.map(String));
      // EVAL caches the script in Redis; later calls go by hash (a Redis restart brings NOSCRIPT
      // back from evalsha, and safeEval comes here again).
      loaded.set(sha1(script), sha1(runnable));
      return result;
    },
  };
  // Ratelimit is typed against the whole @upstash/redis client, but only calls the two methods above
  // in this configuration (see the doc comment); the cast states that, it converts nothing.
  return adapter as unknown as UpstashRedis;
}
