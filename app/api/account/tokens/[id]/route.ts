// DELETE /api/account/tokens/{id} – revoke one of your personal access tokens; admins may revoke anyone's (account:manage)
import { pathParam } from "@/lib/api/path-param";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { revokePersonalTokenAsActor } from "@/lib/auth/use-cases/revoke-personal-token-as-actor";

export const DELETE = withApi({ route: "DELETE /api/account/tokens/[id]", permission: "account:manage" }, async ({ req, params, principal }) =>
  jsonResponse(await revokePersonalTokenAsActor(actorFromRequest(principal, req), pathParam(params, "id"))),
);
