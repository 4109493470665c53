// PATCH, DELETE /api/admin/users/{id} – change role, disable/enable, reset password; delete (users:manage — admin)
import { pathParam } from "@/lib/api/path-param";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { deleteUserAsAdmin } from "@/lib/auth/use-cases/delete-user-as-admin";
import { updateUserAsAdmin } from "@/lib/auth/use-cases/update-user-as-admin";
import { updateUserSchema } from "@/lib/schemas/accounts";

export const PATCH = withApi(
  { route: "PATCH /api/admin/users/[id]", permission: "users:manage", body: updateUserSchema, maxBodyBytes: 4096 },
  async ({ req, params, body, principal }) =>
    jsonResponse({ user: await updateUserAsAdmin(actorFromRequest(principal, req), pathParam(params, "id"), body) }),
);

export const DELETE = withApi({ route: "DELETE /api/admin/users/[id]", permission: "users:manage" }, async ({ req, params, principal }) =>
  jsonResponse(await deleteUserAsAdmin(actorFromRequest(principal, req), pathParam(params, "id"))),
);
