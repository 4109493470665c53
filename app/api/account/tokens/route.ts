// GET, POST /api/account/tokens – list and create your personal access tokens (account:manage — any signed-in user)
import { AppError } from "@/lib/errors/app-error";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy } from "@/lib/auth/audit-context";
import { createPersonalToken, listPersonalTokens } from "@/lib/auth/personal-tokens";
import { createPersonalTokenSchema } from "@/lib/schemas/accounts";

const MAX_TOKENS_PER_USER = 50;

export const GET = withApi({ route: "GET /api/account/tokens", permission: "account:manage" }, async ({ principal }) =>
  jsonResponse({ tokens: await listPersonalTokens(principal.userId) }),
);

export const POST = withApi(
  { route: "POST /api/account/tokens", permission: "account:manage", body: createPersonalTokenSchema, maxBodyBytes: 4096 },
  async ({ req, body, principal }) => {
    if ((await listPersonalTokens(principal.userId)).length >= MAX_TOKENS_PER_USER) {
      throw new AppError({ code: "conflict", message: `You have ${MAX_TOKENS_PER_USER} tokens; revoke one before creating another.` });
    }
    const { token, info } = await createPersonalToken({ userId: principal.userId, name: body.name, expiresInDays: body.expiresInDays });
    await recordAudit({
      action: "token.created",
      outcome: "success",
      ...auditBy(principal, req),
      target: { type: "token", id: info.id, label: info.name },
      details: { expiresAt: info.expiresAt },
    });
    // The token itself is in this answer only; the server keeps its hash.
    return jsonResponse({ token, ...info }, { status: 201 });
  },
);
