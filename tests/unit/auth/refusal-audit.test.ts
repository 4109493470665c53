// Issue #9 (Info): refusals leave a trail. A sign-in refused by the rate limit, a role denial (403 from
// withApi's authorize) and a last-admin refusal (409) each write an audit entry. Real code on the
// in-memory state store and the in-process rate limiter; the route is a real withApi handler.
import { describe, expect, test } from "vitest";
import { withApi } from "@/lib/api/with-api";
import { actorFromHeaders } from "@/lib/auth/audit-context";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import type { UserPrincipal } from "@/lib/auth/principal";
import { limitPasswordAttempts } from "@/lib/auth/sign-in";
import { deleteUserAsAdmin } from "@/lib/auth/use-cases/delete-user-as-admin";
import { updateUserAsAdmin } from "@/lib/auth/use-cases/update-user-as-admin";
import { createUser, type StoredUser } from "@/lib/auth/users";
import { getRateLimitPolicies } from "@/lib/cache/ratelimit/policies";
import { memoryStateStorePerTest } from "../../support/memory-audit";

const { auditLog } = memoryStateStorePerTest();

const unique = () => Math.random().toString(36).slice(2);

test("a sign-in refused by the rate limit is audited once per window as auth.sign_in failure, reason rate_limited", async () => {
  const email = `limited-${unique()}@example.org`;
  const req = new Request("http://localhost/api/auth/callback/credentials", { method: "POST" });
  const limit = getRateLimitPolicies().signIn.limit;
  for (let i = 0; i < limit; i++) await limitPasswordAttempts(email, req, "auth.sign_in");
  // Refused attempts are cheap to send, so only the first in a window is written (the log cannot be flooded).
  for (let i = 0; i < 3; i++) await expect(limitPasswordAttempts(email, req, "auth.sign_in")).rejects.toMatchObject({ code: "rate_limited" });
  const entries = await auditLog();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ action: "auth.sign_in", outcome: "failure", actor: { email, via: "credentials" }, details: { reason: "rate_limited" } });
});

test("a role denial from withApi is audited as access.denied with the route and permission", async () => {
  const viewer = await createUser({ email: `viewer-${unique()}@example.org`, password: null, role: "viewer" });
  const { token } = await createPersonalToken({ userId: viewer.id, name: "probe" });
  const handler = withApi({ route: "GET /api/admin/audit", permission: "audit:read" }, async () => Response.json({ entries: [] }));
  const response = await handler(new Request("http://localhost/api/admin/audit", { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}),
  });
  expect(response.status).toBe(403);
  const entries = await auditLog();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    action: "access.denied",
    outcome: "denied",
    actor: { userId: viewer.id, via: "pat" },
    details: { route: "GET /api/admin/audit", permission: "audit:read", role: "viewer" },
  });
  expect(JSON.stringify(entries)).not.toContain(token);
});

describe("last-admin refusals (409) are audited with outcome refused", () => {
  function actorFor(user: StoredUser) {
    const principal: UserPrincipal = { kind: "user", userId: user.id, email: user.email, role: user.role, via: "session", credentialId: "c" };
    return actorFromHeaders(principal, new Headers());
  }

  test.each([
    ["demote", "user.role_changed", (a: StoredUser) => updateUserAsAdmin(actorFor(a), a.id, { role: "viewer" })],
    ["disable", "user.disabled", (a: StoredUser) => updateUserAsAdmin(actorFor(a), a.id, { disabled: true })],
    ["delete", "user.deleted", (a: StoredUser) => deleteUserAsAdmin(actorFor(a), a.id)],
  ] as const)("%s the last admin → %s refused", async (_name, action, attempt) => {
    const admin = await createUser({ email: `admin-${unique()}@example.org`, password: null, role: "admin" });
    await expect(attempt(admin)).rejects.toMatchObject({ code: "conflict" });
    expect(await auditLog()).toMatchObject([
      { action, outcome: "refused", actor: { userId: admin.id }, target: { type: "user", id: admin.id }, details: { reason: "last_admin" } },
    ]);
  });
});
