import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import type { Role } from "@/lib/auth/roles";
import { createUser, toPublicUser } from "@/lib/auth/users";
import type { PublicUser } from "@/lib/schemas/accounts";

/** A new password user, audited as `user.created`; an existing email is a `conflict`. */
export async function createUserAsAdmin(actor: ActorContext, input: { email: string; password: string; role: Role }): Promise<PublicUser> {
  const user = await createUser(input);
  await recordAudit({
    action: "user.created",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "user", id: user.id, label: user.email },
    details: { role: user.role },
  });
  return toPublicUser(user);
}
