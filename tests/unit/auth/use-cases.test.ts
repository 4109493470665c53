// The account and admin use cases: each does its change and writes its audit entry, so a route, a server
// action and a job get the same result and the same trail. Real code on the in-memory state store.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AUDIT_LIST_KEY } from "@/lib/audit/audit-store";
import { actorFromHeaders, type ActorContext } from "@/lib/auth/audit-context";
import { findPersonalToken, listPersonalTokens } from "@/lib/auth/personal-tokens";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { Role } from "@/lib/auth/roles";
import { checkSession, startSession } from "@/lib/auth/sessions";
import { createPersonalTokenForUser, MAX_TOKENS_PER_USER } from "@/lib/auth/use-cases/create-personal-token-for-user";
import { createUserAsAdmin } from "@/lib/auth/use-cases/create-user-as-admin";
import { deleteUserAsAdmin } from "@/lib/auth/use-cases/delete-user-as-admin";
import { revokePersonalTokenAsActor } from "@/lib/auth/use-cases/revoke-personal-token-as-actor";
import { signOutSession } from "@/lib/auth/use-cases/sign-out-session";
import { updateUserAsAdmin } from "@/lib/auth/use-cases/update-user-as-admin";
import { createUser, getUser, type StoredUser } from "@/lib/auth/users";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { auditEntrySchema, type AuditEntry } from "@/lib/schemas/audit";
import { rejection } from "@/tests/support/rejection";

const PASSWORD = "use-case-password-123";
let store: StateStore;

beforeEach(() => {
  store = createMemoryStateStore();
  setStateStoreForTests(store);
});

afterEach(() => setStateStoreForTests(undefined));

async function auditLog(): Promise<AuditEntry[]> {
  return (await store.listRange(AUDIT_LIST_KEY, 0, -1)).map((line) => auditEntrySchema.parse(JSON.parse(line)));
}

async function userWith(role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@example.org`): Promise<StoredUser> {
  return createUser({ email, password: PASSWORD, role });
}

/** An actor as a route or an action builds it: a principal and the headers of its request. */
function actorFor(user: StoredUser, via: UserPrincipal["via"] = "session"): ActorContext {
  const principal: UserPrincipal = { kind: "user", userId: user.id, email: user.email, role: user.role, via, credentialId: "cred-1" };
  return actorFromHeaders(principal, new Headers({ "user-agent": "use-case-test/1.0", "x-forwarded-for": "203.0.113.9" }));
}

describe("actor context", () => {
  test("comes from headers alone; X-Forwarded-For counts only behind a trusted proxy (off by default)", async () => {
    const admin = await userWith("admin");
    expect(actorFor(admin).source).toEqual({ ip: "unknown", userAgent: "use-case-test/1.0" });
  });
});

describe("personal tokens", () => {
  test("createPersonalTokenForUser makes a working token for the actor and audits token.created", async () => {
    const viewer = await userWith("viewer");
    const created = await createPersonalTokenForUser(actorFor(viewer), { name: "ci bot", expiresInDays: 7 });
    expect(created.token).toMatch(/^cer_pat_/);
    expect(created).toMatchObject({ userId: viewer.id, name: "ci bot" });
    expect((await findPersonalToken(created.token))?.id).toBe(created.id);
    const [entry] = await auditLog();
    expect(entry).toMatchObject({
      action: "token.created",
      outcome: "success",
      actor: { userId: viewer.id, email: viewer.email, via: "session" },
      target: { type: "token", id: created.id, label: "ci bot" },
      source: { ip: "unknown", userAgent: "use-case-test/1.0" },
      details: { expiresAt: created.expiresAt },
    });
    expect(JSON.stringify(await auditLog())).not.toContain(created.token);
  });

  test(`a user with ${MAX_TOKENS_PER_USER} tokens gets a conflict and no entry`, async () => {
    const viewer = await userWith("viewer");
    for (let i = 0; i < MAX_TOKENS_PER_USER; i++) await createPersonalTokenForUser(actorFor(viewer), { name: `t${i}` });
    const before = (await auditLog()).length;
    const error = await rejection(createPersonalTokenForUser(actorFor(viewer), { name: "one too many" }));
    expect(error.code).toBe("conflict");
    expect(await auditLog()).toHaveLength(before);
  });

  test("revokePersonalTokenAsActor: the owner revokes its own (no owner detail); the token stops working", async () => {
    const analyst = await userWith("analyst");
    const created = await createPersonalTokenForUser(actorFor(analyst), { name: "mine" });
    expect(await revokePersonalTokenAsActor(actorFor(analyst), created.id)).toEqual({ revoked: true, id: created.id });
    expect(await findPersonalToken(created.token)).toBeNull();
    const entry = (await auditLog()).at(-1);
    expect(entry).toMatchObject({ action: "token.revoked", actor: { userId: analyst.id }, target: { type: "token", id: created.id, label: "mine" } });
    expect(entry?.details).toBeUndefined();
  });

  test("someone else's token is not found to a non-admin and stays alive; an admin revokes it with the owner noted", async () => {
    const analyst = await userWith("analyst");
    const viewer = await userWith("viewer");
    const admin = await userWith("admin");
    const created = await createPersonalTokenForUser(actorFor(analyst), { name: "target" });
    expect((await rejection(revokePersonalTokenAsActor(actorFor(viewer), created.id))).code).toBe("not_found");
    expect(await findPersonalToken(created.token)).not.toBeNull();
    await revokePersonalTokenAsActor(actorFor(admin), created.id);
    expect(await findPersonalToken(created.token)).toBeNull();
    expect((await auditLog()).at(-1)).toMatchObject({ action: "token.revoked", actor: { userId: admin.id }, details: { ownerId: analyst.id } });
  });

  test.each(["AAAAAAAAAAAAAAAAAAAAAA", "1", "../x", ""])("a token id %j that names nothing is not_found", async (id) => {
    const viewer = await userWith("viewer");
    expect((await rejection(revokePersonalTokenAsActor(actorFor(viewer), id))).code).toBe("not_found");
    expect(await auditLog()).toEqual([]);
  });
});

describe("users", () => {
  test("createUserAsAdmin returns the public user (no hash) and audits user.created with the role", async () => {
    const admin = await userWith("admin");
    const user = await createUserAsAdmin(actorFor(admin, "pat"), { email: "New.Person@Example.org", password: PASSWORD, role: "analyst" });
    expect(user).toMatchObject({ email: "new.person@example.org", role: "analyst", disabled: false });
    expect(user).not.toHaveProperty("passwordHash");
    expect(await auditLog()).toMatchObject([
      { action: "user.created", actor: { userId: admin.id, via: "pat" }, target: { type: "user", id: user.id, label: user.email }, details: { role: "analyst" } },
    ]);
    const again = await rejection(createUserAsAdmin(actorFor(admin), { email: "new.person@example.org", password: PASSWORD, role: "viewer" }));
    expect(again.code).toBe("conflict");
    expect(await auditLog()).toHaveLength(1);
  });

  test("updateUserAsAdmin writes one entry per real change; an unchanged role writes none", async () => {
    const admin = await userWith("admin");
    const viewer = await userWith("viewer");
    await updateUserAsAdmin(actorFor(admin), viewer.id, { role: "viewer" });
    expect(await auditLog()).toEqual([]);
    const after = await updateUserAsAdmin(actorFor(admin), viewer.id, { role: "analyst", password: "another-password-456" });
    expect(after.role).toBe("analyst");
    expect((await auditLog()).map((e) => [e.action, e.details])).toEqual([
      ["user.role_changed", { from: "viewer", to: "analyst" }],
      ["user.password_reset", { revokedCount: 0 }],
    ]);
  });

  // The count's key names no secret (lib/audit/redact.ts redacts any key containing "token" or
  // "credential"), so the number itself is recorded.
  test("disabling revokes the user's personal tokens; enabling revokes none", async () => {
    const admin = await userWith("admin");
    const analyst = await userWith("analyst");
    const first = await createPersonalTokenForUser(actorFor(analyst), { name: "one" });
    await createPersonalTokenForUser(actorFor(analyst), { name: "two" });
    const disabled = await updateUserAsAdmin(actorFor(admin), analyst.id, { disabled: true });
    expect(disabled.disabled).toBe(true);
    expect(await findPersonalToken(first.token)).toBeNull();
    expect(await listPersonalTokens(analyst.id)).toEqual([]);
    expect((await getUser(analyst.id))?.authVersion).toBe(analyst.authVersion + 1);
    expect((await auditLog()).at(-1)).toMatchObject({ action: "user.disabled", target: { id: analyst.id }, details: { revokedCount: 2 } });
    // Disabling again changes nothing and writes nothing.
    const count = (await auditLog()).length;
    await updateUserAsAdmin(actorFor(admin), analyst.id, { disabled: true });
    expect(await auditLog()).toHaveLength(count);
    await updateUserAsAdmin(actorFor(admin), analyst.id, { disabled: false });
    expect((await auditLog()).at(-1)).toMatchObject({ action: "user.enabled", details: { revokedCount: 0 } });
  });

  // Issue #9 (Medium): the README promises a reset ends all sessions and API tokens; personal tokens too.
  test("a password reset revokes the user's personal tokens and says how many", async () => {
    const admin = await userWith("admin");
    const analyst = await userWith("analyst");
    const first = await createPersonalTokenForUser(actorFor(analyst), { name: "one" });
    await createPersonalTokenForUser(actorFor(analyst), { name: "two" });
    await updateUserAsAdmin(actorFor(admin), analyst.id, { password: "a-new-password-789" });
    expect(await findPersonalToken(first.token)).toBeNull();
    expect(await listPersonalTokens(analyst.id)).toEqual([]);
    expect((await auditLog()).at(-1)).toMatchObject({ action: "user.password_reset", target: { id: analyst.id }, details: { revokedCount: 2 } });
  });

  test("the last active admin cannot be demoted, disabled or deleted (conflict; each refusal audited)", async () => {
    const admin = await userWith("admin");
    expect((await rejection(updateUserAsAdmin(actorFor(admin), admin.id, { role: "viewer" }))).code).toBe("conflict");
    expect((await rejection(updateUserAsAdmin(actorFor(admin), admin.id, { disabled: true }))).code).toBe("conflict");
    expect((await rejection(deleteUserAsAdmin(actorFor(admin), admin.id))).code).toBe("conflict");
    expect((await auditLog()).map((e) => [e.action, e.outcome])).toEqual([
      ["user.role_changed", "refused"],
      ["user.disabled", "refused"],
      ["user.deleted", "refused"],
    ]);
  });

  test("deleteUserAsAdmin removes the user, revokes its tokens and audits user.deleted", async () => {
    const admin = await userWith("admin");
    const viewer = await userWith("viewer");
    const token = await createPersonalTokenForUser(actorFor(viewer), { name: "left behind" });
    expect(await deleteUserAsAdmin(actorFor(admin), viewer.id)).toEqual({ deleted: true, id: viewer.id });
    expect(await getUser(viewer.id)).toBeNull();
    expect(await findPersonalToken(token.token)).toBeNull();
    expect((await auditLog()).at(-1)).toMatchObject({
      action: "user.deleted",
      actor: { userId: admin.id },
      target: { type: "user", id: viewer.id, label: viewer.email },
      details: { revokedCount: 1 },
    });
  });

  test.each(["AAAAAAAAAAAAAAAAAAAAAA", "not an id", ""])("a user id %j that names nothing is not_found for update and delete", async (id) => {
    const admin = await userWith("admin");
    expect((await rejection(updateUserAsAdmin(actorFor(admin), id, { role: "viewer" }))).code).toBe("not_found");
    expect((await rejection(deleteUserAsAdmin(actorFor(admin), id))).message).toBe("No user with that id.");
  });
});

describe("sign-out", () => {
  test("signOutSession ends the server-side session and audits auth.sign_out", async () => {
    const viewer = await userWith("viewer");
    const sid = await startSession(viewer.id, viewer.authVersion);
    expect((await checkSession(sid)).ok).toBe(true);
    await signOutSession({ sessionId: sid, userId: viewer.id });
    expect(await checkSession(sid)).toEqual({ ok: false, reason: "missing" });
    expect(await auditLog()).toMatchObject([
      { action: "auth.sign_out", outcome: "success", actor: { userId: viewer.id, via: "session" }, target: { type: "session", id: sid } },
    ]);
  });
});
