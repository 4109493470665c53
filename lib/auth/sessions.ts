import "server-only";
import { z } from "zod";
import { newId } from "@/lib/auth/ids";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_TOUCH_SECONDS } from "@/lib/auth/session-policy";
import { stateKeys } from "@/lib/auth/state-keys";
import { parseStoredRecord } from "@/lib/auth/stored-record";
import { getStateStore } from "@/lib/cache/get-state-store";

/**
 * A server-side record per browser session. The session cookie (an encrypted JWT) only names it, so
 * sign-out, idle expiry and "disable user" take effect on the next request, not when the JWT expires.
 */
const sessionRecordSchema = z.object({
  userId: z.string(),
  authVersion: z.number().int(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export async function startSession(userId: string, authVersion: number, now = Date.now()): Promise<string> {
  const sid = newId();
  const record: SessionRecord = { userId, authVersion, createdAt: now, lastSeenAt: now };
  await getStateStore().set(stateKeys.session(sid), JSON.stringify(record), { ttlSeconds: SESSION_ABSOLUTE_SECONDS });
  return sid;
}

export type SessionCheck = { ok: true; record: SessionRecord } | { ok: false; reason: "missing" | "idle" | "expired" };

/** Checks the absolute and idle limits, and refreshes lastSeen (at most once a minute). */
export async function checkSession(sid: string, now = Date.now()): Promise<SessionCheck> {
  const store = getStateStore();
  const record = parseStoredRecord(sessionRecordSchema, await store.get(stateKeys.session(sid)));
  if (record === null) return { ok: false, reason: "missing" };
  const age = (now - record.createdAt) / 1000;
  const idle = (now - record.lastSeenAt) / 1000;
  if (age >= SESSION_ABSOLUTE_SECONDS) {
    await store.delete(stateKeys.session(sid));
    return { ok: false, reason: "expired" };
  }
  if (idle >= SESSION_IDLE_SECONDS) {
    await store.delete(stateKeys.session(sid));
    return { ok: false, reason: "idle" };
  }
  if (idle >= SESSION_TOUCH_SECONDS) {
    const touched = { ...record, lastSeenAt: now };
    // XX: if sign-out deleted the record meanwhile, the refresh must not bring it back.
    const refreshed = await store.set(stateKeys.session(sid), JSON.stringify(touched), {
      ttlSeconds: SESSION_ABSOLUTE_SECONDS - age,
      onlyIfPresent: true,
    });
    return refreshed ? { ok: true, record: touched } : { ok: false, reason: "missing" };
  }
  return { ok: true, record };
}

export async function endSession(sid: string): Promise<void> {
  await getStateStore().delete(stateKeys.session(sid));
}
