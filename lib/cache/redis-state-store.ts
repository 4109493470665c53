import "server-only";
import type { Redis } from "ioredis";
import type { StateStore } from "@/lib/cache/state-store";
import { COMPARE_AND_DELETE, COMPARE_AND_SET, compareAndSetArgs, RENEW_LEASE, toTtlMs } from "@/lib/cache/state-scripts";
import { orUnavailable } from "@/lib/cache/state-unavailable";

export function createRedisStateStore(client: Redis, whenReady: () => Promise<void>): StateStore {
  const run = <T>(operation: () => Promise<T>) =>
    orUnavailable("redis", async () => {
      await whenReady();
      return operation();
    });
  return {
    kind: "redis",
    get: (key) => run(() => client.get(key)),
    set: (key, value, options = {}) =>
      run(async () => {
        const args: (string | number)[] = [];
        if (options.ttlSeconds !== undefined) args.push("EX", Math.max(1, Math.ceil(options.ttlSeconds)));
        if (options.onlyIfAbsent) args.push("NX");
        else if (options.onlyIfPresent) args.push("XX");
        const result = await client.call("SET", key, value, ...args);
        return result === "OK";
      }),
    delete: (key) => run(async () => void (await client.del(key))),
    addToSet: (key, member) => run(async () => void (await client.sadd(key, member))),
    removeFromSet: (key, member) => run(async () => void (await client.srem(key, member))),
    setMembers: (key) => run(() => client.smembers(key)),
    appendToList: (key, value) => run(() => client.rpush(key, value)),
    listRange: (key, start, stop) => run(() => client.lrange(key, start, stop)),
    listLength: (key) => run(() => client.llen(key)),
    compareAndSet: (key, expected, next, options) =>
      run(async () => (await client.eval(COMPARE_AND_SET, 1, key, ...compareAndSetArgs(expected, next, options))) === 1),
    compareAndDelete: (key, expected) => run(async () => (await client.eval(COMPARE_AND_DELETE, 1, key, expected)) === 1),
    acquireLease: (key, token, ttlMs) => run(async () => (await client.call("SET", key, token, "PX", Math.max(1, Math.ceil(ttlMs)), "NX")) === "OK"),
    renewLease: (key, token, ttlMs) => run(async () => (await client.eval(RENEW_LEASE, 1, key, token, Math.max(1, Math.ceil(ttlMs)))) === 1),
    getBytes: (key) => run(async () => {
      const value = await client.getBuffer(key);
      return value === null ? null : new Uint8Array(value);
    }),
    setBytes: (key, value, options) =>
      run(async () => {
        const ttlMs = toTtlMs(options);
        const buffer = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        if (ttlMs === undefined) await client.set(key, buffer);
        else await client.set(key, buffer, "PX", ttlMs);
      }),
    expire: (key, ttlSeconds) => run(async () => (await client.expire(key, Math.max(1, Math.ceil(ttlSeconds)))) === 1),
  };
}
