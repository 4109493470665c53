import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { revokeAllPersonalTokens } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { userIdOrThrow, userNotFound } from "@/lib/auth/user-id";
import { toPublicUser, updateUser } from "@/lib/auth/users";
import { auditLastAdminRefusal } from "@/lib/auth/use-cases/last-admin-refusal";
import type { PublicUser } from "@/lib/schemas/accounts";
import type { AuditEntryInput } from "@/lib/schemas/audit";

export type UserChange = { role?: Role; disabled?: boolean; password?: string };

/**
 * Changes a user's role, disabled flag or password. Disabling and a password reset also revoke the
 * user's personal tokens (sessions and API tokens died with the authVersion bump). One audit entry per
 * real change: `user.role_changed`, `user.disabled` / `user.enabled`, `user.password_reset`; the
 * revocation count is `revokedCount` (a key with "token" in it would be redacted, lib/audit/redact.ts).
 */
export async function updateUserAsAdmin(actor: ActorContext, userId: string, change: UserChange): Promise<PublicUser> {
  const id = userIdOrThrow(userId);
  const result = await auditLastAdminRefusal(actor, id, change.role !== undefined && change.role !== "admin" ? "user.role_changed" : "user.disabled", () =>
    updateUser(id, change),
  );
  if (result === null) throw userNotFound();
  const { before, after } = result;
  const endsCredentials = (change.disabled === true && !before.disabled) || change.password !== undefined;
  // One revocation for the whole change; each entry it caused names the same count.
  const revokedCount = endsCredentials ? await revokeAllPersonalTokens(after.id) : 0;
  const target = { type: "user" as const, id: after.id, label: after.email };
  const entries: Pick<AuditEntryInput, "action" | "details">[] = [];
  if (change.role !== undefined && change.role !== before.role) {
    entries.push({ action: "user.role_changed", details: { from: before.role, to: after.role } });
  }
  if (change.disabled !== undefined && change.disabled !== before.disabled) {
    entries.push({ action: change.disabled ? "user.disabled" : "user.enabled", details: { revokedCount } });
  }
  if (change.password !== undefined) entries.push({ action: "user.password_reset", details: { revokedCount } });
  for (const entry of entries) {
    await recordAudit({ ...entry, outcome: "success", ...auditBy(actor), target });
  }
  return toPublicUser(after);
}
