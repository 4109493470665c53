// GET, POST /api/admin/users – list users; create one with { email, password, role } (users:manage — admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { createUserAsAdmin } from "@/lib/auth/use-cases/create-user-as-admin";
import { listUsers, toPublicUser } from "@/lib/auth/users";
import { createUserSchema } from "@/lib/schemas/accounts";

export const GET = withApi({ route: "GET /api/admin/users", permission: "users:manage" }, async () =>
  jsonResponse({ users: (await listUsers()).map(toPublicUser) }),
);

export const POST = withApi(
  { route: "POST /api/admin/users", permission: "users:manage", body: createUserSchema, maxBodyBytes: 4096 },
  async ({ req, body, principal }) => jsonResponse({ user: await createUserAsAdmin(actorFromRequest(principal, req), body) }, { status: 201 }),
);
