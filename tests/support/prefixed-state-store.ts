// A state store whose every key is put under a prefix: lets use-case tests run on the shared real Redis
// (the app's fixed keys, such as the audit list and the alert indexes, land under the test's prefix).
import type { StateStore } from "@/lib/cache/state-store";

export function prefixedStateStore(inner: StateStore, prefix: string): StateStore & { keysWritten: Set<string> } {
  const keysWritten = new Set<string>();
  const k = (key: string) => {
    const full = `${prefix}${key}`;
    keysWritten.add(full);
    return full;
  };
  return {
    kind: inner.kind,
    keysWritten,
    get: (key) => inner.get(k(key)),
    set: (key, value, options) => inner.set(k(key), value, options),
    delete: (key) => inner.delete(k(key)),
    addToSet: (key, member) => inner.addToSet(k(key), member),
    removeFromSet: (key, member) => inner.removeFromSet(k(key), member),
    setMembers: (key) => inner.setMembers(k(key)),
    appendToList: (key, value) => inner.appendToList(k(key), value),
    listRange: (key, start, stop) => inner.listRange(k(key), start, stop),
    listLength: (key) => inner.listLength(k(key)),
    compareAndSet: (key, expected, next, options) => inner.compareAndSet(k(key), expected, next, options),
    compareAndDelete: (key, expected) => inner.compareAndDelete(k(key), expected),
    acquireLease: (key, token, ttlMs) => inner.acquireLease(k(key), token, ttlMs),
    renewLease: (key, token, ttlMs) => inner.renewLease(k(key), token, ttlMs),
    getBytes: (key) => inner.getBytes(k(key)),
    setBytes: (key, value, options) => inner.setBytes(k(key), value, options),
    expire: (key, ttlSeconds) => inner.expire(k(key), ttlSeconds),
  };
}
