import "server-only";
import type { Redis } from "ioredis";
import type { StateStore } from "@/lib/cache/state-store";
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
  };
}
