import "server-only";
import type { Redis } from "@upstash/redis";
import type { StateStore } from "@/lib/cache/state-store";
import { COMPARE_AND_DELETE, COMPARE_AND_SET, compareAndSetArgs, RENEW_LEASE, toTtlMs } from "@/lib/cache/state-scripts";
import { orUnavailable } from "@/lib/cache/state-unavailable";

export function createUpstashStateStore(client: Redis): StateStore {
  const run = <T>(operation: () => Promise<T>) => orUnavailable("upstash", operation);
  return {
    kind: "upstash",
    get: (key) => run(async () => {
      const value = await client.get<string>(key);
      return typeof value === "string" ? value : null;
    }),
    set: (key, value, options = {}) =>
      run(async () => {
        const ex = options.ttlSeconds !== undefined ? { ex: Math.max(1, Math.ceil(options.ttlSeconds)) } : {};
        const condition = options.onlyIfAbsent ? { nx: true as const } : options.onlyIfPresent ? { xx: true as const } : {};
        const result = await client.set(key, value, { ...ex, ...condition } as Parameters<typeof client.set>[2]);
        return result === "OK";
      }),
    delete: (key) => run(async () => void (await client.del(key))),
    addToSet: (key, member) => run(async () => void (await client.sadd(key, member))),
    removeFromSet: (key, member) => run(async () => void (await client.srem(key, member))),
    setMembers: (key) => run(async () => (await client.smembers(key)).map(String)),
    appendToList: (key, value) => run(() => client.rpush(key, value)),
    listRange: (key, start, stop) => run(async () => (await client.lrange(key, start, stop)).map(String)),
    listLength: (key) => run(() => client.llen(key)),
    compareAndSet: (key, expected, next, options) => run(async () => Number(await client.eval(COMPARE_AND_SET, [key], compareAndSetArgs(expected, next, options))) === 1),
    compareAndDelete: (key, expected) => run(async () => Number(await client.eval(COMPARE_AND_DELETE, [key], [expected])) === 1),
    acquireLease: (key, token, ttlMs) => run(async () => (await client.set(key, token, { px: Math.max(1, Math.ceil(ttlMs)), nx: true })) === "OK"),
    renewLease: (key, token, ttlMs) => run(async () => Number(await client.eval(RENEW_LEASE, [key], [token, String(Math.max(1, Math.ceil(ttlMs)))])) === 1),
    // The REST API carries text: bytes go as base64, prefixed so the client never reads them as JSON.
    getBytes: (key) => run(async () => {
      const value = await client.get<string>(key);
      return typeof value === "string" && value.startsWith("b64:") ? new Uint8Array(Buffer.from(value.slice(4), "base64")) : null;
    }),
    setBytes: (key, value, options) =>
      run(async () => {
        const ttlMs = toTtlMs(options);
        const encoded = `b64:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}`;
        await client.set(key, encoded, ttlMs === undefined ? undefined : { px: ttlMs });
      }),
    expire: (key, ttlSeconds) => run(async () => Number(await client.expire(key, Math.max(1, Math.ceil(ttlSeconds)))) === 1),
  };
}
