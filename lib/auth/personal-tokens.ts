import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { newId } from "@/lib/auth/ids";
import { sha256Hex, stateKeys } from "@/lib/auth/state-keys";
import { parseStoredRecord } from "@/lib/auth/stored-record";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

/**
 * Personal access tokens: `cer_pat_` + 256 random bits, shown once. Only the SHA-256 of the token is
 * stored (a fast hash is enough for a random 256-bit secret; argon2 is for guessable passwords).
 */
export const PERSONAL_TOKEN_PREFIX = "cer_pat_";

const storedTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
type StoredToken = z.infer<typeof storedTokenSchema>;

function parse(raw: string | null): StoredToken | null {
  return parseStoredRecord(storedTokenSchema, raw);
}

export async function createPersonalToken(input: {
  userId: string;
  name: string;
  expiresInDays?: number | null;
  now?: number;
}): Promise<{ token: string; info: PersonalTokenInfo }> {
  const now = input.now ?? Date.now();
  const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const hash = sha256Hex(token);
  const ttlSeconds = input.expiresInDays ? input.expiresInDays * 86_400 : undefined;
  const info: StoredToken = {
    id: newId(),
    userId: input.userId,
    name: input.name,
    prefix: token.slice(0, PERSONAL_TOKEN_PREFIX.length + 4),
    createdAt: new Date(now).toISOString(),
    expiresAt: ttlSeconds ? new Date(now + ttlSeconds * 1000).toISOString() : null,
  };
  const store = getStateStore();
  const options = ttlSeconds ? { ttlSeconds } : {};
  await store.set(stateKeys.personalToken(hash), JSON.stringify(info), options);
  await store.set(stateKeys.personalTokenId(info.id), hash, options);
  await store.addToSet(stateKeys.userPersonalTokens(input.userId), info.id);
  return { token, info };
}

/** A stored token record (as read from its key) when it is readable and has not expired. */
export function livePersonalToken(raw: string | null, now = Date.now()): PersonalTokenInfo | null {
  const info = parse(raw);
  if (info === null) return null;
  if (info.expiresAt !== null && Date.parse(info.expiresAt) <= now) return null;
  return info;
}

/** The token's record when it exists and has not expired. */
export async function findPersonalToken(token: string, now = Date.now()): Promise<PersonalTokenInfo | null> {
  return livePersonalToken(await getStateStore().get(stateKeys.personalToken(sha256Hex(token))), now);
}

export async function getPersonalTokenById(id: string): Promise<PersonalTokenInfo | null> {
  const store = getStateStore();
  const hash = await store.get(stateKeys.personalTokenId(id));
  return hash === null ? null : parse(await store.get(stateKeys.personalToken(hash)));
}

export async function listPersonalTokens(userId: string, now = Date.now()): Promise<PersonalTokenInfo[]> {
  const store = getStateStore();
  const ids = await store.setMembers(stateKeys.userPersonalTokens(userId));
  const tokens = await Promise.all(ids.map((id) => getPersonalTokenById(id)));
  const live: PersonalTokenInfo[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token === null || (token.expiresAt !== null && Date.parse(token.expiresAt) <= now)) {
      // Expired keys vanish by TTL; drop the dangling id from the user's list too.
      const id = ids[index];
      if (id !== undefined) await store.removeFromSet(stateKeys.userPersonalTokens(userId), id);
      continue;
    }
    live.push(token);
  }
  return live.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function revokePersonalToken(info: PersonalTokenInfo): Promise<void> {
  const store = getStateStore();
  const hash = await store.get(stateKeys.personalTokenId(info.id));
  if (hash !== null) await store.delete(stateKeys.personalToken(hash));
  await store.delete(stateKeys.personalTokenId(info.id));
  await store.removeFromSet(stateKeys.userPersonalTokens(info.userId), info.id);
}

export async function revokeAllPersonalTokens(userId: string): Promise<number> {
  const tokens = await listPersonalTokens(userId);
  for (const token of tokens) await revokePersonalToken(token);
  return tokens.length;
}
