// DELETE /api/account/tokens/{id} – revoke one of your personal access tokens; admins may revoke anyone's (account:manage)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy } from "@/lib/auth/audit-context";
import { assertOwnerOrAdmin } from "@/lib/auth/ownership";
import { getPersonalTokenById, revokePersonalToken } from "@/lib/auth/personal-tokens";
import { resourceIdSchema } from "@/lib/schemas/accounts";

export const DELETE = withApi(
  { route: "DELETE /api/account/tokens/[id]", permission: "account:manage" },
  async ({ req, params, principal }) => {
    const id = resourceIdSchema.safeParse(params.id);
    const token = id.success ? await getPersonalTokenById(id.data) : null;
    assertOwnerOrAdmin(token, principal, "token");
    await revokePersonalToken(token);
    await recordAudit({
      action: "token.revoked",
      outcome: "success",
      ...auditBy(principal, req),
      target: { type: "token", id: token.id, label: token.name },
      details: token.userId === principal.userId ? undefined : { ownerId: token.userId },
    });
    return jsonResponse({ revoked: true, id: token.id });
  },
);
