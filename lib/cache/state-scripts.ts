// Atomic compare-and-X: one Lua script each, so no other client runs between the read and the write.
export const COMPARE_AND_SET = `
local current = redis.call("GET", KEYS[1])
if (ARGV[1] == "0" and current) or (ARGV[1] == "1" and current ~= ARGV[2]) then return 0 end
if ARGV[4] ~= "" then redis.call("SET", KEYS[1], ARGV[3], "PX", ARGV[4]) else redis.call("SET", KEYS[1], ARGV[3]) end
return 1`;
export const COMPARE_AND_DELETE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;
export const RENEW_LEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`;

/** Arguments of COMPARE_AND_SET: expected null → "0" (must be absent), else "1" and the value. */
export function compareAndSetArgs(expected: string | null, next: string, options: { ttlMs?: number; ttlSeconds?: number } = {}): string[] {
  const ttlMs = options.ttlMs ?? (options.ttlSeconds !== undefined ? options.ttlSeconds * 1000 : undefined);
  return [expected === null ? "0" : "1", expected ?? "", next, ttlMs !== undefined ? String(Math.max(1, Math.ceil(ttlMs))) : ""];
}

/** PX milliseconds for a TTL given in either unit (undefined: none). */
export function toTtlMs(options: { ttlMs?: number; ttlSeconds?: number } = {}): number | undefined {
  if (options.ttlMs !== undefined) return Math.max(1, Math.ceil(options.ttlMs));
  if (options.ttlSeconds !== undefined) return Math.max(1, Math.ceil(options.ttlSeconds * 1000));
  return undefined;
}
