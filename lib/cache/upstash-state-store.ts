import "server-only";
import type { Redis } from "@upstash/redis";
import type { StateStore } from "@/lib/cache/state-store";
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
  };
}
