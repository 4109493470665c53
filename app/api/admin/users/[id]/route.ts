// PATCH, DELETE /api/admin/users/{id} – change role, disable/enable, reset password; delete (users:manage — admin)
import { AppError } from "@/lib/errors/app-error";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy } from "@/lib/auth/audit-context";
import { revokeAllPersonalTokens } from "@/lib/auth/personal-tokens";
import { deleteUser, toPublicUser, updateUser } from "@/lib/auth/users";
import { resourceIdSchema, updateUserSchema } from "@/lib/schemas/accounts";
import type { AuditEntryInput } from "@/lib/schemas/audit";

function notFound(): AppError {
  return new AppError({ code: "not_found", message: "No user with that id." });
}

/** Ids are random; one that cannot be an id cannot exist. */
function userIdFrom(params: Record<string, string | string[]>): string {
  const id = resourceIdSchema.safeParse(params.id);
  if (!id.success) throw notFound();
  return id.data;
}

export const PATCH = withApi(
  { route: "PATCH /api/admin/users/[id]", permission: "users:manage", body: updateUserSchema, maxBodyBytes: 4096 },
  async ({ req, params, body, principal }) => {
    const result = await updateUser(userIdFrom(params), body);
    if (result === null) throw notFound();
    const { before, after } = result;
    // A disabled account loses its personal tokens too; sessions and API tokens died with authVersion.
    const revokedTokens = body.disabled === true && !before.disabled ? await revokeAllPersonalTokens(after.id) : 0;
    const target = { type: "user" as const, id: after.id, label: after.email };
    const entries: Pick<AuditEntryInput, "action" | "details">[] = [];
    if (body.role !== undefined && body.role !== before.role) {
      entries.push({ action: "user.role_changed", details: { from: before.role, to: after.role } });
    }
    if (body.disabled !== undefined && body.disabled !== before.disabled) {
      entries.push({ action: body.disabled ? "user.disabled" : "user.enabled", details: { revokedTokens } });
    }
    if (body.password !== undefined) entries.push({ action: "user.password_reset" });
    for (const entry of entries) {
      await recordAudit({ ...entry, outcome: "success", ...auditBy(principal, req), target });
    }
    return jsonResponse({ user: toPublicUser(after) });
  },
);

export const DELETE = withApi({ route: "DELETE /api/admin/users/[id]", permission: "users:manage" }, async ({ req, params, principal }) => {
  const user = await deleteUser(userIdFrom(params));
  if (user === null) throw notFound();
  const revokedTokens = await revokeAllPersonalTokens(user.id);
  await recordAudit({
    action: "user.deleted",
    outcome: "success",
    ...auditBy(principal, req),
    target: { type: "user", id: user.id, label: user.email },
    details: { revokedTokens },
  });
  return jsonResponse({ deleted: true, id: user.id });
});
