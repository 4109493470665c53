// GET, POST /api/account/tokens – list and create your personal access tokens (account:manage — any signed-in user)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest } from "@/lib/auth/audit-context";
import { listPersonalTokens } from "@/lib/auth/personal-tokens";
import { createPersonalTokenForUser } from "@/lib/auth/use-cases/create-personal-token-for-user";
import { createPersonalTokenSchema } from "@/lib/schemas/accounts";

export const GET = withApi({ route: "GET /api/account/tokens", permission: "account:manage" }, async ({ principal }) =>
  jsonResponse({ tokens: await listPersonalTokens(principal.userId) }),
);

export const POST = withApi(
  { route: "POST /api/account/tokens", permission: "account:manage", body: createPersonalTokenSchema, maxBodyBytes: 4096 },
  async ({ req, body, principal }) => jsonResponse(await createPersonalTokenForUser(actorFromRequest(principal, req), body), { status: 201 }),
);
