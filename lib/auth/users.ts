import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { emailProblem } from "@/lib/auth/email-rules";
import { newId } from "@/lib/auth/ids";
import { hashPassword } from "@/lib/auth/passwords";
import { ROLES, type Role } from "@/lib/auth/roles";
import { stateKeys } from "@/lib/auth/state-keys";
import { parseStoredRecord } from "@/lib/auth/stored-record";
import { withUsersLock } from "@/lib/auth/users-lock";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { PublicUser } from "@/lib/schemas/accounts";

const storedUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  passwordHash: z.string().nullable(),
  disabled: z.boolean(),
  provider: z.enum(["credentials", "oidc"]),
  /** Bumped on disable, delete and password change: every session and API token issued before is void. */
  authVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredUser = z.infer<typeof storedUserSchema>;

/** NFKC + lower case, so "Analyst@Example.com" and its full-width twin are one account. */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

export function toPublicUser(user: StoredUser): PublicUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    disabled: user.disabled,
    provider: user.provider,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function parse(raw: string | null): StoredUser | null {
  return parseStoredRecord(storedUserSchema, raw);
}

/** A user record as read from its key (null: absent or unreadable). */
export const parseUserRecord = parse;

export async function getUser(id: string): Promise<StoredUser | null> {
  return parse(await getStateStore().get(stateKeys.user(id)));
}

export async function findUserByEmail(email: string): Promise<StoredUser | null> {
  const id = await getStateStore().get(stateKeys.userByEmail(normalizeEmail(email)));
  return id === null ? null : getUser(id);
}

export async function listUsers(): Promise<StoredUser[]> {
  const ids = await getStateStore().setMembers(stateKeys.users());
  const users = await Promise.all(ids.map((id) => getUser(id)));
  return users.filter((u): u is StoredUser => u !== null).sort((a, b) => a.email.localeCompare(b.email));
}

export async function createUser(input: {
  email: string;
  password: string | null;
  role: Role;
  provider?: StoredUser["provider"];
  now?: Date;
}): Promise<StoredUser> {
  const store = getStateStore();
  const email = normalizeEmail(input.email);
  // The last line for every way in (API, action, first admin, OIDC): no lookalike account names.
  const problem = emailProblem(email);
  if (problem !== null) throw new AppError({ code: "invalid_input", message: problem, details: { field: "email" } });
  const id = newId();
  // Claim the email first (set-if-absent), so two concurrent creates cannot make two accounts.
  const claimed = await store.set(stateKeys.userByEmail(email), id, { onlyIfAbsent: true });
  if (!claimed) throw new AppError({ code: "conflict", message: `A user with email ${email} already exists.` });
  const at = (input.now ?? new Date()).toISOString();
  const user: StoredUser = {
    id,
    email,
    role: input.role,
    passwordHash: input.password === null ? null : await hashPassword(input.password),
    disabled: false,
    provider: input.provider ?? "credentials",
    authVersion: 1,
    createdAt: at,
    updatedAt: at,
  };
  await store.set(stateKeys.user(id), JSON.stringify(user));
  await store.addToSet(stateKeys.users(), id);
  return user;
}

async function save(user: StoredUser): Promise<StoredUser> {
  const next = { ...user, updatedAt: new Date().toISOString() };
  await getStateStore().set(stateKeys.user(user.id), JSON.stringify(next));
  return next;
}

/** details.reason of the 409 for a change that would leave no active admin. */
export const LAST_ADMIN = "last_admin";

export function isLastAdminRefusal(error: unknown): boolean {
  return error instanceof AppError && error.code === "conflict" && (error.details as { reason?: unknown } | undefined)?.reason === LAST_ADMIN;
}

/** Admins who can still sign in; the app refuses changes that would leave none. */
async function countActiveAdmins(): Promise<number> {
  return (await listUsers()).filter((u) => u.role === "admin" && !u.disabled).length;
}

async function assertNotLastAdmin(user: StoredUser, message: string): Promise<void> {
  if (user.role === "admin" && !user.disabled && (await countActiveAdmins()) <= 1) {
    // The reason lets the use cases audit the refusal.
    throw new AppError({ code: "conflict", message, details: { reason: LAST_ADMIN } });
  }
}

/**
 * Applies a change to the user's current record (re-read under the users lock, so concurrent edits
 * never write back a stale copy). Null when the user no longer exists.
 */
export async function updateUser(
  userId: string,
  change: { role?: Role; disabled?: boolean; password?: string },
): Promise<{ before: StoredUser; after: StoredUser } | null> {
  // Hash outside the lock: argon2 takes tens of milliseconds.
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  return withUsersLock(async () => {
    const user = await getUser(userId);
    if (user === null) return null;
    // One count serves both checks (same lock, same record); the role message comes first, as before.
    const demoting = change.role !== undefined && change.role !== "admin";
    if (demoting || change.disabled === true) {
      await assertNotLastAdmin(
        user,
        demoting ? "This is the last active admin; make another user admin first." : "This is the last active admin; it cannot be disabled.",
      );
    }
    const next: StoredUser = { ...user };
    if (change.role !== undefined) next.role = change.role;
    if (passwordHash !== undefined) {
      next.passwordHash = passwordHash;
      next.authVersion += 1;
    }
    if (change.disabled !== undefined && change.disabled !== user.disabled) {
      next.disabled = change.disabled;
      if (change.disabled) next.authVersion += 1;
    }
    return { before: user, after: await save(next) };
  });
}

/** Deletes the user's current record; null when it was already gone. */
export async function deleteUser(userId: string): Promise<StoredUser | null> {
  return withUsersLock(async () => {
    const user = await getUser(userId);
    if (user === null) return null;
    await assertNotLastAdmin(user, "This is the last active admin; it cannot be deleted.");
    const store = getStateStore();
    await store.removeFromSet(stateKeys.users(), user.id);
    await store.delete(stateKeys.user(user.id));
    await store.delete(stateKeys.userByEmail(user.email));
    return user;
  });
}

export async function countUsers(): Promise<number> {
  return (await getStateStore().setMembers(stateKeys.users())).length;
}
