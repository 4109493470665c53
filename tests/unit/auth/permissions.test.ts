import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { authorize } from "@/lib/auth/authorize";
import { PERMISSIONS, roleHasPermission, type Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { ROLES, isRole, type Role } from "@/lib/auth/roles";
import { headersOf } from "@/lib/api/respond";

// The permission table, checked against an expectation written out by hand from issue #4:
// viewer: read analytics + own account; analyst: + reports:create, watchlists:manage;
// admin: + users:manage, audit:read, reports:read-all. "public" needs nothing. Issue #12: alerts:read for
// every role, alerts:assess for analysts and admins.

const Y = true;
const N = false;
const EXPECTED: Record<string, { anonymous: boolean; viewer: boolean; analyst: boolean; admin: boolean }> = {
  public: { anonymous: Y, viewer: Y, analyst: Y, admin: Y },
  "analytics:read": { anonymous: N, viewer: Y, analyst: Y, admin: Y },
  "account:manage": { anonymous: N, viewer: Y, analyst: Y, admin: Y },
  "reports:create": { anonymous: N, viewer: N, analyst: Y, admin: Y },
  "watchlists:manage": { anonymous: N, viewer: N, analyst: Y, admin: Y },
  "users:manage": { anonymous: N, viewer: N, analyst: N, admin: Y },
  "audit:read": { anonymous: N, viewer: N, analyst: N, admin: Y },
  "reports:read-all": { anonymous: N, viewer: N, analyst: N, admin: Y },
  "alerts:read": { anonymous: N, viewer: Y, analyst: Y, admin: Y },
  "alerts:assess": { anonymous: N, viewer: N, analyst: Y, admin: Y },
  // Issue #13: reading /api/metrics without a METRICS_TOKEN.
  "metrics:read": { anonymous: N, viewer: N, analyst: N, admin: Y },
};

function user(role: Role): Principal {
  return { kind: "user", userId: `id-${role}`, email: `${role}@example.org`, role, via: "session", credentialId: "sid" };
}

function attempt(principal: Principal, permission: Permission): "allowed" | AppError {
  try {
    authorize(principal, permission, "TEST /route");
    return "allowed";
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe("the permission table", () => {
  test("the roles are exactly viewer, analyst, admin", () => {
    expect([...ROLES]).toEqual(["viewer", "analyst", "admin"]);
    expect(isRole("admin")).toBe(true);
    expect(isRole("Admin")).toBe(false);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  test("the table has exactly the permissions of the issue (a new one must be added here)", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([permission, row]) =>
    (["viewer", "analyst", "admin"] as const).map((role) => [permission, role, row[role]] as const),
  );

  test.each(cases)("%s × %s → %s", (permission, role, allowed) => {
    expect(roleHasPermission(role, permission as Permission)).toBe(allowed);
    const result = attempt(user(role), permission as Permission);
    if (allowed) {
      expect(result).toBe("allowed");
    } else {
      expect(result).toBeInstanceOf(AppError);
      expect((result as AppError).code).toBe("forbidden");
      expect((result as AppError).status).toBe(403);
    }
  });

  test.each(Object.entries(EXPECTED))("anonymous × %s", (permission, row) => {
    const result = attempt({ kind: "anonymous" }, permission as Permission);
    if (row.anonymous) {
      expect(result).toBe("allowed");
    } else {
      expect(result).toBeInstanceOf(AppError);
      expect((result as AppError).code).toBe("unauthorized");
      expect((result as AppError).status).toBe(401);
      expect(headersOf(result as AppError)["www-authenticate"]).toMatch(/^Bearer realm=/);
    }
  });

  test("each role can do everything the roles before it can", () => {
    const permissions = Object.keys(PERMISSIONS) as Permission[];
    for (let i = 1; i < ROLES.length; i++) {
      const lower = ROLES[i - 1] as Role;
      const higher = ROLES[i] as Role;
      for (const p of permissions) {
        if (roleHasPermission(lower, p)) expect(roleHasPermission(higher, p), `${higher} ⊇ ${lower} for ${p}`).toBe(true);
      }
    }
  });

  test("the same authorization holds whatever the credential", () => {
    for (const via of ["session", "api-token", "pat"] as const) {
      const viewer: Principal = { kind: "user", userId: "v", email: "v@example.org", role: "viewer", via, credentialId: "c" };
      expect(attempt(viewer, "analytics:read")).toBe("allowed");
      expect((attempt(viewer, "reports:create") as AppError).code).toBe("forbidden");
    }
  });
});
