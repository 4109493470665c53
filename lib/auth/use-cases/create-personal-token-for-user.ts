import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { createPersonalToken, listPersonalTokens } from "@/lib/auth/personal-tokens";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

export const MAX_TOKENS_PER_USER = 50;

/** The token itself is in this answer only; the server keeps its hash. */
export type CreatedPersonalToken = PersonalTokenInfo & { token: string };

/** A new personal access token for the actor, audited as `token.created`. */
export async function createPersonalTokenForUser(
  actor: ActorContext,
  input: { name: string; expiresInDays?: number | null },
): Promise<CreatedPersonalToken> {
  const { userId } = actor.principal;
  if ((await listPersonalTokens(userId)).length >= MAX_TOKENS_PER_USER) {
    throw new AppError({ code: "conflict", message: `You have ${MAX_TOKENS_PER_USER} tokens; revoke one before creating another.` });
  }
  const { token, info } = await createPersonalToken({ userId, name: input.name, expiresInDays: input.expiresInDays });
  await recordAudit({
    action: "token.created",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "token", id: info.id, label: info.name },
    details: { expiresAt: info.expiresAt },
  });
  return { token, ...info };
}
