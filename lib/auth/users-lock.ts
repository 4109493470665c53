import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { stateKeys } from "@/lib/auth/state-keys";
import { getStateStore } from "@/lib/cache/get-state-store";

const LOCK_TTL_SECONDS = 5;
const WAIT_MS = 3000;

/**
 * Serializes changes to user records (SET NX with a TTL). Without it, two admins demoting each other
 * at once could both pass the "last active admin" check, and two PATCHes of one user could each
 * write back the other's stale copy — re-enabling a user someone just disabled. Admin edits are rare;
 * waiting a few milliseconds for one another costs nothing.
 */
export async function withUsersLock<T>(work: () => Promise<T>): Promise<T> {
  const store = getStateStore();
  const token = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  while (!(await store.set(stateKeys.usersLock(), token, { ttlSeconds: LOCK_TTL_SECONDS, onlyIfAbsent: true }))) {
    if (Date.now() > deadline) {
      throw new AppError({ code: "service_unavailable", message: "User records are busy; try again.", retryAfterSeconds: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
  }
  try {
    return await work();
  } finally {
    // Release only our own lock (it may have expired and been taken by someone else).
    if ((await store.get(stateKeys.usersLock())) === token) await store.delete(stateKeys.usersLock());
  }
}
