import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { cookies, headers } from "next/headers";
import { z, ZodError } from "zod";
import { AppError, INTERNAL_ERROR_MESSAGE, unauthorized } from "@/lib/errors/app-error";
import { zodErrorMessage } from "@/lib/errors/zod-issues";
import type { ActionError, ActionResult } from "@/lib/actions/action-result";
import { auditSourceFrom } from "@/lib/audit/audit-source";
import { actorFromHeaders, type ActorContext } from "@/lib/auth/audit-context";
import { authorizeAudited } from "@/lib/auth/authorize";
import type { Permission } from "@/lib/auth/permissions";
import { principalFromSessionCookie } from "@/lib/auth/principal";
import { ROUTE_PERMISSIONS, type ActionName } from "@/lib/auth/route-permissions";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-policy";
import { enforceRateLimit, getRateLimitPolicies } from "@/lib/cache/ratelimit";
import { getEnv } from "@/lib/env";
import { actionOriginRefusal } from "@/lib/http/action-origin";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import { requestIdFrom, runWithRequestContext } from "@/lib/observability/request-context";

/** The table's permission for an action (every action has an "ACTION <name>" entry). */
const permissionOf = (name: string): Permission => ROUTE_PERMISSIONS[`ACTION ${name}` as `ACTION ${ActionName}`];

/** An AppError (or a ZodError from deeper down) as the API says it; anything else is logged and stays generic. */
function toActionError(error: Error, actionName: string): ActionError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof ZodError) return { code: "invalid_input", message: zodErrorMessage(error) };
  logger.error("action.unhandled_error", { action: actionName, error: `${error.name}: ${error.message}`, stack: error.stack });
  return { code: "internal_error", message: INTERNAL_ERROR_MESSAGE };
}

/**
 * The one action client. For every action, in order: one log line around the call; the Origin check;
 * the caller from the session cookie (actions take no bearer tokens); the action's permission from the
 * table; the user's API rate limit; then the input, parsed with the action's zod schema after all of
 * these. Errors come back as `serverError` / `validationErrors` shaped as `{ code, message }`.
 */
const actionClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ actionName: z.string() }),
  handleServerError: (error, { metadata }) => toActionError(error, metadata.actionName),
})
  .use(async ({ next, metadata }) => {
    const started = performance.now();
    // An action is a request too: its lines (and the jobs it starts) carry a request id.
    const requestId = requestIdFrom(await headers());
    const result = await runWithRequestContext({ requestId }, () => next());
    const error: ActionError | undefined = result.serverError ?? result.validationErrors;
    // The innermost context reached: the actor once the caller was known.
    const actor = (result.ctx as { actor?: ActorContext } | undefined)?.actor;
    logger.info("action.call", {
      action: metadata.actionName,
      ok: error === undefined,
      code: error?.code,
      ms: Math.round((performance.now() - started) * 10) / 10,
      user: actor ? hashForLog(actor.principal.userId) : undefined,
    });
    return result;
  })
  .use(async ({ next }) => {
    const requestHeaders = await headers();
    const refusal = actionOriginRefusal(requestHeaders.get("origin"), { publicUrl: getEnv().AUTH_URL, host: requestHeaders.get("host") });
    if (refusal !== null) throw new AppError({ code: "forbidden", message: refusal });
    return next({ ctx: { requestHeaders } });
  })
  .use(async ({ next, ctx, metadata }) => {
    const principal = await principalFromSessionCookie((await cookies()).get(SESSION_COOKIE_NAME)?.value);
    const route = `ACTION ${metadata.actionName}`;
    await authorizeAudited(principal, permissionOf(metadata.actionName), route, auditSourceFrom({ headers: ctx.requestHeaders }, getEnv().TRUST_PROXY));
    // A non-public permission guarantees a user; this keeps the type honest if one ever is public.
    if (principal.kind !== "user") throw unauthorized("Sign in to do this.");
    return next({ ctx: { actor: actorFromHeaders(principal, ctx.requestHeaders) } });
  })
  .use(async ({ next, ctx }) => {
    // Per user, shared with their API calls.
    await enforceRateLimit(getRateLimitPolicies().api, `user:${ctx.actor.principal.userId}`);
    return next();
  });

/** What the route-table test reads off every "use server" export. */
export type ActionDeclaration = { actionName: ActionName; permission: Permission };

/**
 * Defines a server action: `input` is the zod schema from lib/schemas (a failure is `invalid_input`
 * with the message the API gives for the same body), `run` calls the use case with the actor. The
 * returned function is stamped with its name and permission, which must equal the table's.
 */
export function defineAction<S extends z.ZodType, R>(
  declaration: ActionDeclaration & { input: S },
  run: (args: { input: z.output<S>; actor: ActorContext }) => Promise<R>,
): ((input: z.input<S>) => Promise<ActionResult<R>>) & ActionDeclaration {
  const { actionName, permission, input: schema } = declaration;
  if (permissionOf(actionName) !== permission) {
    throw new Error(`ACTION ${actionName} declares "${permission}" but the permission table says "${permissionOf(actionName)}"`);
  }
  const safeAction = actionClient
    .metadata({ actionName })
    .inputSchema(schema, {
      // Re-parsed for the API's exact message (issue order and paths); next-safe-action only keeps a tree.
      handleValidationErrorsShape: async (_tree, { clientInput }): Promise<ActionError> => {
        const parsed = schema.safeParse(clientInput);
        return { code: "invalid_input", message: parsed.success ? "The input is not valid." : zodErrorMessage(parsed.error) };
      },
    })
    .action(async ({ parsedInput, ctx }) => run({ input: parsedInput as z.output<S>, actor: ctx.actor }));

  const action = async (input: z.input<S>): Promise<ActionResult<R>> => {
    const result = await safeAction(input as never);
    const error = result.serverError ?? result.validationErrors;
    return error === undefined ? { ok: true, data: result.data as R } : { ok: false, error };
  };
  return Object.assign(action, { actionName, permission });
}
