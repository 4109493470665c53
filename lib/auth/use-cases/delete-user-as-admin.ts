import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditLastAdminRefusal } from "@/lib/auth/use-cases/last-admin-refusal";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { revokeAllPersonalTokens } from "@/lib/auth/personal-tokens";
import { userIdOrThrow, userNotFound } from "@/lib/auth/user-id";
import { deleteUser } from "@/lib/auth/users";

/** Deletes a user and revokes its personal tokens, audited as `user.deleted`; never the last active admin. */
export async function deleteUserAsAdmin(actor: ActorContext, userId: string): Promise<{ deleted: true; id: string }> {
  const id = userIdOrThrow(userId);
  const user = await auditLastAdminRefusal(actor, id, "user.deleted", () => deleteUser(id));
  if (user === null) throw userNotFound();
  const revokedCount = await revokeAllPersonalTokens(user.id);
  await recordAudit({
    action: "user.deleted",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "user", id: user.id, label: user.email },
    details: { revokedCount },
  });
  return { deleted: true, id: user.id };
}
