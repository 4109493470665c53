import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { readJsonBody } from "@/lib/api/read-body";
import { toErrorResponse, zodErrorMessage, describeZodIssues } from "@/lib/api/respond";
import { logger } from "@/lib/observability/logger";

/**
 * Who may call a route. Every handler states it. "public": anyone, no credentials (the data is
 * public FDA data). Issue #4 adds signed-in roles; the wrapper is where that check will live.
 */
export type RouteAccess = "public";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type HandlerArgs<Q, B> = { req: Request; query: Q; body: B; params: Record<string, string | string[]>; requestId: string };

export type ApiOptions<QS extends z.ZodType | undefined, BS extends z.ZodType | undefined> = {
  /** Route label for logs, e.g. "GET /api/faers/trend". */
  route: string;
  access: RouteAccess;
  query?: QS;
  /** JSON body schema; the body must be `application/json` and at most `maxBodyBytes`. */
  body?: BS;
  maxBodyBytes?: number;
};

type QueryOf<QS> = QS extends z.ZodType ? z.infer<QS> : Record<string, never>;
type BodyOf<BS> = BS extends z.ZodType ? z.infer<BS> : undefined;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

async function parseBody(schema: z.ZodType | undefined, req: Request, maxBytes: number): Promise<unknown> {
  if (!schema) return undefined;
  const result = schema.safeParse(await readJsonBody(req, maxBytes));
  if (!result.success) {
    throw new ApiError({
      code: "invalid_input",
      message: zodErrorMessage(result.error),
      details: { issues: describeZodIssues(result.error).slice(0, 50) },
    });
  }
  return result.data;
}

function parseQuery(schema: z.ZodType | undefined, url: URL): unknown {
  if (!schema) return {};
  const raw: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    if (values.length > 1) {
      throw new ApiError({ code: "invalid_input", message: `Query parameter "${key}" was given ${values.length} times; give it once.` });
    }
    raw[key] = values[0] ?? "";
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ApiError({
      code: "invalid_input",
      message: zodErrorMessage(result.error),
      details: { issues: describeZodIssues(result.error) },
    });
  }
  return result.data;
}

/**
 * The one route wrapper: parses input with zod, states access, maps every error to the one error body,
 * and logs one line per request. Handlers contain no try/catch.
 */
export function withApi<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  options: ApiOptions<QS, BS>,
  handler: (args: HandlerArgs<QueryOf<QS>, BodyOf<BS>>) => Promise<Response>,
): (req: Request, context: RouteContext) => Promise<Response> {
  return async (req, context) => {
    const started = performance.now();
    const requestId = randomUUID();
    let response: Response;
    try {
      const query = parseQuery(options.query, new URL(req.url)) as QueryOf<QS>;
      const body = (await parseBody(options.body, req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) as BodyOf<BS>;
      const params = (await context?.params) ?? {};
      response = await handler({ req, query, body, params, requestId });
    } catch (error) {
      response = toErrorResponse(error);
      if (response.status >= 500 && !(error instanceof ApiError)) {
        logger.error("api.unhandled_error", {
          route: options.route,
          requestId,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        });
      }
    }
    response.headers.set("x-request-id", requestId);
    const fields = {
      route: options.route,
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      cache: response.headers.get("x-cache") ?? undefined,
      requestId,
    };
    if (response.status >= 500) logger.warn("api.request", fields);
    else logger.info("api.request", fields);
    return response;
  };
}
