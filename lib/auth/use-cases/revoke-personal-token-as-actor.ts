import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { assertOwnerOrAdmin } from "@/lib/auth/ownership";
import { getPersonalTokenById, revokePersonalToken } from "@/lib/auth/personal-tokens";
import { resourceIdSchema } from "@/lib/schemas/accounts";

/**
 * Revokes one personal access token: the actor's own, or anyone's for an admin. Someone else's token,
 * and an id that cannot be one, are "not found". Audited as `token.revoked` (with the owner when it
 * is not the actor).
 */
export async function revokePersonalTokenAsActor(actor: ActorContext, tokenId: string): Promise<{ revoked: true; id: string }> {
  const id = resourceIdSchema.safeParse(tokenId);
  const token = id.success ? await getPersonalTokenById(id.data) : null;
  assertOwnerOrAdmin(token, actor.principal, "token");
  await revokePersonalToken(token);
  await recordAudit({
    action: "token.revoked",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "token", id: token.id, label: token.name },
    details: token.userId === actor.principal.userId ? undefined : { ownerId: token.userId },
  });
  return { revoked: true, id: token.id };
}
