import type { StateStore, StateTtlOptions } from "@/lib/cache/state-store";

/**
 * Read-modify-write of one JSON record, atomic through compareAndSet: re-read and retry when another
 * writer got in between. `change` returns null to leave the record as it is. Null when there is no
 * record; throws after `maxTries` lost races (a hot key is a bug, not a reason to spin forever).
 */
export async function updateAtomically<T>(
  store: StateStore,
  key: string,
  parse: (raw: string) => T,
  change: (value: T) => T | null,
  options: StateTtlOptions & { maxTries?: number } = {},
): Promise<{ value: T; raw: string; changed: boolean } | null> {
  const { maxTries = 50, ...ttl } = options;
  for (let tries = 0; tries < maxTries; tries++) {
    const raw = await store.get(key);
    if (raw === null) return null;
    const value = parse(raw);
    const next = change(value);
    if (next === null) return { value, raw, changed: false };
    const nextRaw = JSON.stringify(next);
    if (await store.compareAndSet(key, raw, nextRaw, ttl)) return { value: next, raw: nextRaw, changed: true };
  }
  throw new Error(`${key}: too many concurrent updates`);
}
