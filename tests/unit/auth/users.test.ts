import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { verifyPassword } from "@/lib/auth/passwords";
import {
  countUsers,
  createUser,
  deleteUser,
  findUserByEmail,
  getUser,
  listUsers,
  normalizeEmail,
  toPublicUser,
  updateUser,
  type StoredUser,
} from "@/lib/auth/users";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";

/** The current record after a change (updateUser re-reads by id under the users lock). */
async function update(user: { id: string }, change: Parameters<typeof updateUser>[1]) {
  const result = await updateUser(user.id, change);
  if (result === null) throw new Error("user vanished");
  return result.after;
}

let store: StateStore;

beforeEach(() => {
  store = createMemoryStateStore();
  setStateStoreForTests(store);
});

afterEach(() => setStateStoreForTests(undefined));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function activeAdmins(): Promise<number> {
  return (await listUsers()).filter((u) => u.role === "admin" && !u.disabled).length;
}

describe("email normalization", () => {
  test("NFKC and case: full-width and mixed case are one address", () => {
    // Full-width Ａ is U+FF21 etc.; NFKC maps them to ASCII.
    expect(normalizeEmail("\uFF21\uFF24\uFF2D\uFF29\uFF2E@Example.COM")).toBe("admin@example.com");
    expect(normalizeEmail("ＡＤＭＩＮ@Example.COM")).toBe("admin@example.com");
    expect(normalizeEmail("  Analyst@Example.org ")).toBe("analyst@example.org");
    expect(normalizeEmail("ﬁnance@example.org")).toBe("finance@example.org"); // ligature ﬁ → fi
  });

  test("a user created as admin@example.com is found by its full-width, upper-case twin", async () => {
    const created = await createUser({ email: "admin@example.com", password: null, role: "admin" });
    expect(created.email).toBe("admin@example.com");
    expect((await findUserByEmail("ＡＤＭＩＮ@Example.COM"))?.id).toBe(created.id);
  });

  test("the stored email is the normalized one", async () => {
    const created = await createUser({ email: "ＡＤＭＩＮ@Example.COM", password: null, role: "admin" });
    expect(created.email).toBe("admin@example.com");
    expect((await getUser(created.id))?.email).toBe("admin@example.com");
  });
});

describe("lookalike emails (issue #9)", () => {
  test.each(["ceo-check@ex\u0430mple.com", "ad\u200bmin@example.com", "admin@\u202eelpmaxe.com"])("createUser refuses %j (400, no account)", async (email) => {
    const error = await rejection(createUser({ email, password: null, role: "viewer" }));
    expect(error.code).toBe("invalid_input");
    expect(await findUserByEmail(email)).toBeNull();
  });
});

describe("duplicate emails", () => {
  test("a second account for the same (normalized) email is a conflict", async () => {
    await createUser({ email: "admin@example.com", password: null, role: "admin" });
    for (const email of ["admin@example.com", "ADMIN@EXAMPLE.COM", "ＡＤＭＩＮ@Example.COM", " admin@example.com "]) {
      const error = await rejection(createUser({ email, password: null, role: "viewer" }));
      expect(error.code).toBe("conflict");
      expect(error.status).toBe(409);
    }
    expect(await countUsers()).toBe(1);
  });

  test("20 concurrent creates of one email (in different spellings): exactly one wins", async () => {
    const spellings = ["race@example.org", "RACE@example.org", "ｒａｃｅ@example.org", "Race@Example.Org"];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createUser({ email: spellings[i % spellings.length] ?? "", password: null, role: "viewer" })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect((r.reason as AppError).code).toBe("conflict");
    expect(await countUsers()).toBe(1);
    expect((await findUserByEmail("race@example.org"))?.id).toBe((won[0] as PromiseFulfilledResult<StoredUser>).value.id);
  });
});

describe("passwords", () => {
  test("stored as an argon2id hash (OWASP minimum parameters), verifiable, never in the public user", async () => {
    const password = "correct horse battery staple";
    const user = await createUser({ email: "pw@example.org", password, role: "viewer" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, user.passwordHash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", user.passwordHash)).toBe(false);

    const raw = (await store.get(`cer:v1:state:user:${user.id}`)) ?? "";
    expect(raw).toContain("$argon2id$");
    expect(raw).not.toContain(password);

    const pub = toPublicUser(user);
    expect(Object.keys(pub).sort()).toEqual(["createdAt", "disabled", "email", "id", "provider", "role", "updatedAt"]);
    const json = JSON.stringify(pub);
    expect(json).not.toContain("argon2");
    expect(json).not.toContain("passwordHash");
    expect(json).not.toContain("authVersion");
  });

  test("two users with the same password get different hashes (salted)", async () => {
    const a = await createUser({ email: "a@example.org", password: "same password 123", role: "viewer" });
    const b = await createUser({ email: "b@example.org", password: "same password 123", role: "viewer" });
    expect(a.passwordHash).not.toBe(b.passwordHash);
  });

  test("a password change stores a new argon2id hash and bumps authVersion; the old password stops working", async () => {
    const user = await createUser({ email: "change@example.org", password: "old password 1234", role: "viewer" });
    const changed = await update(user, { password: "new password 5678" });
    expect(changed.authVersion).toBe(user.authVersion + 1);
    expect(changed.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword("new password 5678", changed.passwordHash)).toBe(true);
    expect(await verifyPassword("old password 1234", changed.passwordHash)).toBe(false);
    expect((await getUser(user.id))?.passwordHash).toBe(changed.passwordHash);
  });

  test("an account without a password (OIDC) never verifies", async () => {
    const user = await createUser({ email: "sso@example.org", password: null, role: "viewer", provider: "oidc" });
    expect(user.passwordHash).toBeNull();
    expect(await verifyPassword("", user.passwordHash)).toBe(false);
    expect(await verifyPassword("not-a-real-password-0000", user.passwordHash)).toBe(false);
  });
});

describe("the last active admin", () => {
  test("the only admin cannot be demoted, disabled or deleted (conflict), and stays unchanged", async () => {
    const admin = await createUser({ email: "root@example.org", password: null, role: "admin" });
    await createUser({ email: "viewer@example.org", password: null, role: "viewer" });
    for (const role of ["analyst", "viewer"] as const) {
      expect((await rejection(update(admin, { role }))).code).toBe("conflict");
    }
    expect((await rejection(update(admin, { disabled: true }))).code).toBe("conflict");
    expect((await rejection(deleteUser(admin.id))).code).toBe("conflict");
    expect(await getUser(admin.id)).toMatchObject({ role: "admin", disabled: false, authVersion: admin.authVersion });
    // Changes that keep it an active admin are fine.
    expect((await update(admin, { role: "admin" })).role).toBe("admin");
    expect((await update(admin, { password: "a new admin password" })).authVersion).toBe(admin.authVersion + 1);
  });

  test("with two admins, one can be demoted, disabled or deleted — then the other is protected", async () => {
    const a = await createUser({ email: "a@example.org", password: null, role: "admin" });
    const b = await createUser({ email: "b@example.org", password: null, role: "admin" });
    expect((await update(a, { role: "analyst" })).role).toBe("analyst");
    expect((await rejection(update(b, { role: "viewer" }))).code).toBe("conflict");

    const c = await createUser({ email: "c@example.org", password: null, role: "admin" });
    expect((await update(c, { disabled: true })).disabled).toBe(true);
    expect((await rejection(update(b, { disabled: true }))).code).toBe("conflict");

    const d = await createUser({ email: "d@example.org", password: null, role: "admin" });
    await deleteUser(d.id);
    expect(await getUser(d.id)).toBeNull();
    expect((await rejection(deleteUser(b.id))).code).toBe("conflict");
    expect(await activeAdmins()).toBe(1);
  });

  test("a disabled admin does not count as the other admin", async () => {
    const active = await createUser({ email: "active@example.org", password: null, role: "admin" });
    const other = await createUser({ email: "other@example.org", password: null, role: "admin" });
    await update(other, { disabled: true });
    expect((await rejection(update(active, { role: "viewer" }))).code).toBe("conflict");
    expect((await rejection(deleteUser(active.id))).code).toBe("conflict");
  });

  test("a disabled admin can be deleted or demoted while another admin is active", async () => {
    const active = await createUser({ email: "active@example.org", password: null, role: "admin" });
    const other = await createUser({ email: "other@example.org", password: null, role: "admin" });
    const disabled = await update(other, { disabled: true });
    expect((await update(disabled, { role: "viewer" })).role).toBe("viewer");
    expect(await getUser(active.id)).toMatchObject({ role: "admin", disabled: false });
  });

  test("two admins demoted at the same time: at least one active admin remains", async () => {
    // Counting admins and saving are two steps; without the users lock, two concurrent demotions each
    // see 2 admins, both pass, and no admin is left.
    const a = await createUser({ email: "a@example.org", password: null, role: "admin" });
    const b = await createUser({ email: "b@example.org", password: null, role: "admin" });
    await Promise.allSettled([update(a, { role: "viewer" }), update(b, { role: "viewer" })]);
    expect(await activeAdmins()).toBeGreaterThanOrEqual(1);
  });
});

describe("updates", () => {
  test("disable bumps authVersion, enable does not; role changes do not", async () => {
    await createUser({ email: "root@example.org", password: null, role: "admin" });
    const user = await createUser({ email: "u@example.org", password: null, role: "viewer" });
    expect(user.authVersion).toBe(1);
    const disabled = await update(user, { disabled: true });
    expect(disabled).toMatchObject({ disabled: true, authVersion: 2 });
    const enabled = await update(disabled, { disabled: false });
    expect(enabled).toMatchObject({ disabled: false, authVersion: 2 });
    const promoted = await update(enabled, { role: "analyst" });
    expect(promoted).toMatchObject({ role: "analyst", authVersion: 2 });
    expect(await getUser(user.id)).toMatchObject({ role: "analyst", disabled: false, authVersion: 2 });
  });

  test("a disable and a role change made at the same time: the user ends up disabled", async () => {
    // Each change must apply to the current record, not a caller's snapshot: otherwise the role change
    // writes back disabled:false and the old authVersion, silently re-enabling the account and
    // reviving the sessions and API tokens the disable had voided.
    await createUser({ email: "root@example.org", password: null, role: "admin" });
    const created = await createUser({ email: "u@example.org", password: null, role: "viewer" });
    const patch = async (change: Parameters<typeof update>[1]) => {
      const current = await getUser(created.id);
      if (!current) throw new Error("user vanished");
      return update(current, change);
    };
    await Promise.all([patch({ disabled: true }), patch({ role: "analyst" })]);
    const after = await getUser(created.id);
    expect(after?.disabled).toBe(true);
    expect(after?.authVersion).toBe(created.authVersion + 1);
    expect(after?.role).toBe("analyst");
  });

  test("updatedAt moves, createdAt does not", async () => {
    await createUser({ email: "root@example.org", password: null, role: "admin" });
    const user = await createUser({ email: "u@example.org", password: null, role: "viewer", now: new Date("2020-01-01T00:00:00Z") });
    expect(user.createdAt).toBe("2020-01-01T00:00:00.000Z");
    const changed = await update(user, { role: "analyst" });
    expect(changed.createdAt).toBe("2020-01-01T00:00:00.000Z");
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(user.updatedAt));
  });

  test("delete frees the email and removes the user from the list", async () => {
    await createUser({ email: "root@example.org", password: null, role: "admin" });
    const user = await createUser({ email: "gone@example.org", password: null, role: "viewer" });
    expect(await countUsers()).toBe(2);
    await deleteUser(user.id);
    expect(await countUsers()).toBe(1);
    expect(await findUserByEmail("gone@example.org")).toBeNull();
    expect((await listUsers()).map((u) => u.email)).toEqual(["root@example.org"]);
    const again = await createUser({ email: "GONE@example.org", password: null, role: "viewer" });
    expect(again.id).not.toBe(user.id);
  });
});
