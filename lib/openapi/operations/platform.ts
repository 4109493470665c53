import { z } from "zod";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";
import { healthResponseSchema } from "@/lib/schemas/faers-response";
import { readyResponseSchema } from "@/lib/schemas/operations";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const OPS = "Operations";
const retryAfter = { "retry-after": { description: "Seconds to wait before asking again.", schema: { type: "string" } } };

const inngest = (method: "GET" | "POST" | "PUT", summary: string): OperationSpec => ({
  route: `${method} /api/inngest` satisfies ApiRouteKey,
  tag: OPS,
  summary,
  description:
    "The Inngest SDK's serve endpoint, called by the Inngest server (Inngest Cloud or a self-hosted one), not by API users: " +
    "GET introspects, PUT syncs the app's functions, POST runs a function step. Requests are signed (`X-Inngest-Signature`, checked by the SDK). " +
    "With JOBS_PROVIDER=local it does not exist (404).",
  responses: { 200: { description: "The SDK's answer.", body: json({ description: "Defined by the Inngest SDK." }) } },
  errors: ["not_found"],
});

const unknownPath = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"): OperationSpec => ({
  route: `${method} /api/[...path]` satisfies ApiRouteKey,
  tag: OPS,
  summary: "Any API path that does not exist",
  description: "Every unknown /api path (of any depth) answers the JSON error body with 404, never an HTML page.",
  params: z.object({ path: z.string().describe("Whatever follows /api/ (may span several segments).") }),
  responses: {},
});

export const PLATFORM_OPERATIONS: OperationSpec[] = [
  {
    route: "GET /api/health",
    tag: OPS,
    summary: "Liveness: the process serves, and which backends it runs on",
    responses: {
      200: {
        description: "Serving.",
        body: json(healthResponseSchema, { status: "ok", cache: "redis", cacheReachable: true, jobs: "local", source: "openfda", version: "0.13.0", sse: { open: 0 } }),
      },
      503: { description: 'Starting: boot is not done yet (status "starting").', headers: retryAfter, body: json(healthResponseSchema) },
    },
  },
  {
    route: "GET /api/ready",
    tag: OPS,
    summary: "Readiness: start-up done, store and job provider reachable (openFDA reported, cached)",
    description: "For load balancers and orchestrators. openFDA's check is cached (READY_OPENFDA_CHECK_SECONDS) so probes do not spend the rate limit, and is not required.",
    responses: {
      200: { description: "Ready.", body: json(readyResponseSchema) },
      503: { description: "Not ready: a required check failed.", headers: retryAfter, body: json(readyResponseSchema) },
    },
  },
  {
    route: "GET /api/metrics",
    tag: OPS,
    summary: "Prometheus metrics of this process",
    description:
      "The text exposition format for a Prometheus scrape. With METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>` is accepted; " +
      "unset, only a signed-in admin (session or token). No per-user labels.",
    security: [{ metricsToken: [] }, { apiToken: [] }, { personalToken: [] }, { sessionCookie: [] }],
    responses: {
      200: {
        description: "Metrics, in the Prometheus text format 0.0.4.",
        body: {
          contentType: "text/plain",
          schema: { type: "string" },
          example: '# HELP http_request_duration_seconds …\n# TYPE http_request_duration_seconds histogram\nhttp_request_duration_seconds_bucket{le="0.1",route="GET /api/faers/trend",status="200"} 42\n',
        },
      },
    },
    errors: ["unauthorized", "forbidden"],
  },
  {
    route: "GET /api/openapi.json",
    tag: OPS,
    summary: "This document: the API as OpenAPI 3.1",
    description: "Browse it at /docs (Swagger UI).",
    responses: { 200: { description: "The OpenAPI document.", body: json({ type: "object", required: ["openapi", "info", "paths"] }) } },
  },
  inngest("GET", "Inngest SDK endpoint: introspection"),
  inngest("POST", "Inngest SDK endpoint: run a function step"),
  inngest("PUT", "Inngest SDK endpoint: sync the app's functions"),
  unknownPath("GET"),
  unknownPath("POST"),
  unknownPath("PUT"),
  unknownPath("PATCH"),
  unknownPath("DELETE"),
];
