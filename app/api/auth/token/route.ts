// POST /api/auth/token – email + password → a bearer token for scripts, valid 1 h (public; rate-limited)
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { issueApiToken } from "@/lib/auth/api-tokens";
import { limitPasswordAttempts, verifyCredentials } from "@/lib/auth/sign-in";
import { normalizeEmail } from "@/lib/auth/users";
import { assertBootReady } from "@/lib/boot/boot-state";
import { enforceRateLimit, getRateLimitPolicies } from "@/lib/cache/ratelimit";
import { tokenRequestSchema } from "@/lib/schemas/accounts";

export const POST = withApi(
  { route: "POST /api/auth/token", permission: "public", body: tokenRequestSchema, maxBodyBytes: 4096 },
  async ({ req, body }) => {
    assertBootReady();
    await limitPasswordAttempts(body.email, req, "auth.token_issued");
    await enforceRateLimit(getRateLimitPolicies().tokenIssue, `email:${normalizeEmail(body.email)}`);
    const user = await verifyCredentials(body, req, "auth.token_issued");
    const { token, expiresAt } = await issueApiToken(user);
    return jsonResponse({ token, tokenType: "Bearer", expiresAt: expiresAt.toISOString() });
  },
);
