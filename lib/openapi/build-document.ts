import { z } from "zod";
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig, type ZodContentObject } from "@asteasolutions/zod-to-openapi";
import { ROUTE_PERMISSIONS } from "@/lib/auth/route-permissions";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/error-codes";
import { errorBodySchema } from "@/lib/schemas/api-errors";
import { nameComponents } from "@/lib/openapi/components";
import type { BodySpec, OperationSpec, ResponseSpec } from "@/lib/openapi/operation-spec";
import { ACCOUNT_OPERATIONS } from "@/lib/openapi/operations/accounts";
import { ALERT_OPERATIONS } from "@/lib/openapi/operations/alerts";
import { ANALYTICS_OPERATIONS } from "@/lib/openapi/operations/analytics";
import { FAERS_OPERATIONS } from "@/lib/openapi/operations/faers";
import { PLATFORM_OPERATIONS } from "@/lib/openapi/operations/platform";
import { REPORT_OPERATIONS } from "@/lib/openapi/operations/reports";
import { describePermission, SECURITY_SCHEMES, securityFor } from "@/lib/openapi/security";

export const OPERATIONS: OperationSpec[] = [
  ...FAERS_OPERATIONS,
  ...ANALYTICS_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...ALERT_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...PLATFORM_OPERATIONS,
];

const TAGS = [
  { name: "Product analytics", description: "Adverse-event reports of one drug or device from openFDA (or imported FAERS files): trends, breakdowns, cases, forecasts, spikes, signals." },
  { name: "Analytics on your data", description: "The same methods on data you send." },
  { name: "CER reports", description: "Clinical evaluation reports built in the background, their tasks and PDFs." },
  { name: "Watchlists", description: "Products watched on a schedule for spikes, signals, forecast exceedances and fatal reports." },
  { name: "Alerts", description: "What watchlist scans and report jobs raised, their assessment, and the live stream." },
  { name: "Sign-in and tokens", description: "Session sign-in (browser) and bearer tokens (scripts)." },
  { name: "Your account", description: "Your personal access tokens." },
  { name: "Administration", description: "Users and the audit log (admins)." },
  { name: "Operations", description: "Health, readiness, metrics, this document, and the Inngest endpoint." },
];

/** "GET /api/reports/[id]/pdf" → method "get", path "/api/reports/{id}/pdf"; a catch-all [...x] becomes {x}. */
export function toOpenApiPath(route: string): { method: RouteConfig["method"]; path: string } {
  const [method = "", path = ""] = route.split(" ");
  return {
    method: method.toLowerCase() as RouteConfig["method"],
    path: path.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}"),
  };
}

function content(body: BodySpec): ZodContentObject {
  return { [body.contentType]: body.example === undefined ? { schema: body.schema } : { schema: body.schema, example: body.example } };
}

function toResponse(spec: ResponseSpec): ResponseConfig {
  const headers = spec.headers && Object.fromEntries(Object.entries(spec.headers).map(([name, h]) => [name, { description: h.description, schema: h.schema ?? { type: "string" } }]));
  return { description: spec.description, ...(headers ? { headers } : {}), ...(spec.body ? { content: content(spec.body) } : {}) };
}

const ERROR_WHEN: Record<ErrorCode, string> = {
  invalid_input: "The input is not valid: `details.issues` names each problem.",
  unauthorized: "No valid credential (a missing, expired or revoked token or session).",
  forbidden: "Signed in, but your role lacks the permission; or a cross-origin state change with a session cookie.",
  not_found: "No such resource, or one you may not see.",
  method_not_allowed: "The method is not allowed here.",
  conflict: "The resource's state does not allow this now.",
  payload_too_large: "The body is larger than this route accepts.",
  unsupported_media_type: "The body's Content-Type is not one this route reads.",
  rate_limited: "Too many requests: wait `retry-after` seconds.",
  internal_error: "An unexpected error; the message is generic and the details are in the server log.",
  upstream_unavailable: "openFDA failed or is rate-limiting us, and no cached answer could stand in.",
  service_unavailable: "The service is starting or a dependency is down: retry after `retry-after` seconds.",
};

/** Which error codes an operation can answer: from its inputs, its permission and what the spec adds. */
function errorCodesOf(spec: OperationSpec, hasPathParams: boolean): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.errors ?? []);
  const isPublic = ROUTE_PERMISSIONS[spec.route] === "public";
  if (spec.query || spec.body) codes.add("invalid_input");
  if (spec.body?.contentType === "application/json") {
    codes.add("payload_too_large");
    codes.add("unsupported_media_type");
  }
  if (!isPublic) ["unauthorized", "forbidden", "rate_limited"].forEach((c) => codes.add(c as ErrorCode));
  if (hasPathParams) codes.add("not_found");
  codes.add("internal_error");
  return [...codes];
}

function errorResponses(codes: ErrorCode[], taken: Set<number>): Record<number, ResponseConfig> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (taken.has(status)) continue;
    responses[status] = {
      description: group.map((c) => `\`${c}\`: ${ERROR_WHEN[c]}`).join(" "),
      content: { "application/json": { schema: errorBodySchema } },
    };
  }
  return responses;
}

function pathParamsOf(path: string, spec: OperationSpec): z.ZodObject | undefined {
  if (spec.params) return spec.params;
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  return names.length === 0 ? undefined : z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
}

function operationIdOf(route: string): string {
  const { method, path } = toOpenApiPath(route);
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== "" && w !== "api");
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

function registerOperation(registry: OpenAPIRegistry, spec: OperationSpec): void {
  const permission = ROUTE_PERMISSIONS[spec.route];
  const { method, path } = toOpenApiPath(spec.route);
  const params = pathParamsOf(path, spec);
  const responses: Record<number, ResponseConfig> = Object.fromEntries(Object.entries(spec.responses).map(([status, r]) => [status, toResponse(r)]));
  const taken = new Set(Object.keys(responses).map(Number));
  Object.assign(responses, errorResponses(errorCodesOf(spec, params !== undefined), taken));
  registry.registerPath({
    method,
    path,
    operationId: operationIdOf(spec.route),
    tags: [spec.tag],
    summary: spec.summary,
    // A route with its own security (metrics) says who may call it in its description.
    description: [spec.description, spec.security ? undefined : describePermission(permission)].filter(Boolean).join("\n\n"),
    security: spec.security ?? securityFor(permission),
    "x-permission": permission,
    request: {
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(params ? { params } : {}),
      ...(spec.body ? { body: { required: true, content: content(spec.body) } } : {}),
    },
    responses,
  } as RouteConfig);
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

/** The API's OpenAPI 3.1 document. `publicUrl` (AUTH_URL) is the server; without it, the origin the document was read from. */
export function buildOpenApiDocument({ publicUrl, version }: { publicUrl: string | undefined; version: string }): OpenApiDocument {
  nameComponents();
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) registry.registerComponent("securitySchemes", name, scheme);
  const seen = new Set<string>();
  for (const spec of OPERATIONS) {
    // A second entry for a route would silently replace the first.
    if (seen.has(spec.route)) throw new Error(`two operations for ${spec.route}`);
    seen.add(spec.route);
    registerOperation(registry, spec);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "CER Analytics API",
      version,
      description:
        "Adverse-event analytics from openFDA and FAERS, clinical evaluation reports (CERs), watchlists and alerts. " +
        "Every error is `{ error: { code, message, details } }` (ErrorBody). Authenticate with a bearer token (POST /api/auth/token, or a personal access token) " +
        "or, in the browser, the session cookie; each operation names the permission it needs (`x-permission`).",
    },
    servers: [publicUrl ? { url: publicUrl.replace(/\/$/, ""), description: "This deployment (AUTH_URL)" } : { url: "/", description: "The server this document came from" }],
    tags: TAGS,
  });
}
