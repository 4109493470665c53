"use server";
// Server actions of the account page: create and revoke your personal access tokens. Same use cases as
// POST /api/account/tokens and DELETE /api/account/tokens/{id}.
import { defineAction } from "@/lib/actions/action-client";
import { createPersonalTokenForUser } from "@/lib/auth/use-cases/create-personal-token-for-user";
import { revokePersonalTokenAsActor } from "@/lib/auth/use-cases/revoke-personal-token-as-actor";
import { byIdActionSchema, createPersonalTokenSchema } from "@/lib/schemas/accounts";

/** The new token is in this answer only, as in the API's 201. */
export const createPersonalTokenAction = defineAction(
  { actionName: "account.createToken", permission: "account:manage", input: createPersonalTokenSchema },
  ({ input, actor }) => createPersonalTokenForUser(actor, input),
);

export const revokePersonalTokenAction = defineAction(
  { actionName: "account.revokeToken", permission: "account:manage", input: byIdActionSchema },
  ({ input, actor }) => revokePersonalTokenAsActor(actor, input.id),
);
