// GET, POST /api/admin/users – list users; create one with { email, password, role } (users:manage — admin)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy } from "@/lib/auth/audit-context";
import { createUser, listUsers, toPublicUser } from "@/lib/auth/users";
import { createUserSchema } from "@/lib/schemas/accounts";

export const GET = withApi({ route: "GET /api/admin/users", permission: "users:manage" }, async () =>
  jsonResponse({ users: (await listUsers()).map(toPublicUser) }),
);

export const POST = withApi(
  { route: "POST /api/admin/users", permission: "users:manage", body: createUserSchema, maxBodyBytes: 4096 },
  async ({ req, body, principal }) => {
    const user = await createUser(body);
    await recordAudit({
      action: "user.created",
      outcome: "success",
      ...auditBy(principal, req),
      target: { type: "user", id: user.id, label: user.email },
      details: { role: user.role },
    });
    return jsonResponse({ user: toPublicUser(user) }, { status: 201 });
  },
);
