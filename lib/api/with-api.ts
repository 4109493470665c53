import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { admitCaller } from "@/lib/api/admit-caller";
import { readJsonBody } from "@/lib/api/read-body";
import { toErrorResponse } from "@/lib/api/respond";
import { describeBodyProblem, describeZodIssues, zodErrorMessage } from "@/lib/errors/zod-issues";
import type { Permission } from "@/lib/auth/permissions";
import type { Principal, UserPrincipal } from "@/lib/auth/principal";
import { ROUTE_PERMISSIONS, type ApiRouteKey } from "@/lib/auth/route-permissions";
import { getEnv } from "@/lib/env";
import { corsHeaders } from "@/lib/http/cors";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import { recordRequestMetrics } from "@/lib/observability/request-metrics";
import { requestIdFrom, runWithRequestContext } from "@/lib/observability/request-context";
import { withRequestSpan } from "@/lib/observability/request-span";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** Public routes may see an anonymous caller; every other permission guarantees a signed-in user. */
export type PrincipalFor<P extends Permission> = P extends "public" ? Principal : UserPrincipal;

type HandlerArgs<Q, B, P extends Permission> = {
  req: Request;
  query: Q;
  body: B;
  params: Record<string, string | string[]>;
  requestId: string;
  principal: PrincipalFor<P>;
};

export type ApiOptions<QS extends z.ZodType | undefined, BS extends z.ZodType | undefined, P extends Permission> = {
  /** "METHOD /path" as listed in lib/auth/route-permissions.ts. */
  route: ApiRouteKey;
  /** Who may call it; must equal the route's entry in the permission table. */
  permission: P;
  query?: QS;
  /** JSON body schema; the body must be `application/json` and at most `maxBodyBytes`. */
  body?: BS;
  maxBodyBytes?: number;
};

type QueryOf<QS> = QS extends z.ZodType ? z.infer<QS> : Record<string, never>;
type BodyOf<BS> = BS extends z.ZodType ? z.infer<BS> : undefined;

/**
 * Stamps the request id, copying the response first if its headers are read-only (Response.redirect()
 * and fetch responses): there is no way to ask, only to try.
 */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

async function parseBody(schema: z.ZodType | undefined, req: Request, maxBytes: number): Promise<unknown> {
  if (!schema) return undefined;
  const result = schema.safeParse(await readJsonBody(req, maxBytes));
  if (!result.success) throw new AppError({ code: "invalid_input", ...describeBodyProblem(result.error) });
  return result.data;
}

function parseQuery(schema: z.ZodType | undefined, url: URL): unknown {
  if (!schema) return {};
  const raw: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    if (values.length > 1) {
      throw new AppError({ code: "invalid_input", message: `Query parameter "${key}" was given ${values.length} times; give it once.` });
    }
    raw[key] = values[0] ?? "";
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AppError({
      code: "invalid_input",
      message: zodErrorMessage(result.error),
      details: { issues: describeZodIssues(result.error) },
    });
  }
  return result.data;
}

/**
 * The one route wrapper. In order: who is calling (session cookie, API token or personal token), the
 * Origin check on state-changing methods, the route's permission (default deny), the per-user API rate
 * limit, zod-parsed input; then every error becomes the one error body, the response gets its CORS and
 * cache headers, and one log line is written. Handlers contain no try/catch.
 */
export function withApi<
  P extends Permission,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(
  options: ApiOptions<QS, BS, P>,
  handler: (args: HandlerArgs<QueryOf<QS>, BodyOf<BS>, P>) => Promise<Response>,
): (req: Request, context: RouteContext) => Promise<Response> {
  // A route whose declared permission disagrees with the table fails at load (and so the build).
  if (ROUTE_PERMISSIONS[options.route] !== options.permission) {
    throw new Error(`${options.route} declares "${options.permission}" but the permission table says "${ROUTE_PERMISSIONS[options.route]}"`);
  }
  const handle = async (req: Request, context: RouteContext, requestId: string): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    let principal: Principal = { kind: "anonymous" };
    try {
      // Credential, Origin, permission and API rate limit, before reading input.
      principal = await admitCaller(req, options, (resolved) => (principal = resolved));
      const query = parseQuery(options.query, new URL(req.url)) as QueryOf<QS>;
      const body = (await parseBody(options.body, req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) as BodyOf<BS>;
      const params = (await context?.params) ?? {};
      response = await handler({ req, query, body, params, requestId, principal: principal as PrincipalFor<P> });
    } catch (error) {
      response = toErrorResponse(error);
      if (response.status >= 500 && !(error instanceof AppError)) {
        logger.error("api.unhandled_error", {
          route: options.route,
          requestId,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        });
      }
    }
    response = withRequestId(response, requestId);
    for (const [name, value] of Object.entries(corsHeaders(req.headers.get("origin"), getEnv().CORS_ORIGINS))) {
      // Vary adds to what the handler said; the CORS headers are ours alone.
      if (name.toLowerCase() === "vary") response.headers.append(name, value);
      else response.headers.set(name, value);
    }
    // Answers to signed-in callers never go to a shared cache: "private" if the handler chose to
    // allow the browser's cache (shared FDA data), else no-store (per-user data, errors).
    const cacheControl = response.headers.get("cache-control");
    if (cacheControl === null || (options.permission !== "public" && !/\bprivate\b/.test(cacheControl))) {
      response.headers.set("cache-control", "private, no-store");
    }
    const seconds = (performance.now() - started) / 1000;
    recordRequestMetrics(options.route, response.status, seconds);
    const fields = {
      method: req.method,
      route: options.route,
      status: response.status,
      ms: Math.round(seconds * 10_000) / 10,
      cache: response.headers.get("x-cache") ?? undefined,
      requestId,
      user: principal.kind === "user" ? hashForLog(principal.userId) : undefined,
    };
    if (response.status >= 500) logger.warn("api.request", fields);
    else logger.info("api.request", fields);
    return response;
  };
  // The caller's x-request-id when well formed, else a new one; every log line inside carries it.
  const routeHandler = (req: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    return runWithRequestContext({ requestId }, () => withRequestSpan(options.route, req, () => handle(req, context, requestId)));
  };
  // Read by the route-table test: what this handler declared.
  return Object.assign(routeHandler, { route: options.route, permission: options.permission });
}
