import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { isLastAdminRefusal, LAST_ADMIN } from "@/lib/auth/users";
import type { AuditEntryInput } from "@/lib/schemas/audit";

/**
 * Runs a user change; when it is refused because it would leave no active admin (409), the attempt is
 * audited as the action with outcome "refused" before the error goes on to the caller.
 */
export async function auditLastAdminRefusal<T>(
  actor: ActorContext,
  userId: string,
  action: Extract<AuditEntryInput["action"], "user.role_changed" | "user.disabled" | "user.deleted">,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isLastAdminRefusal(error)) {
      await recordAudit({ action, outcome: "refused", ...auditBy(actor), target: { type: "user", id: userId }, details: { reason: LAST_ADMIN } });
    }
    throw error;
  }
}
