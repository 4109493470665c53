import type { z } from "zod";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";
import type { ErrorCode } from "@/lib/errors/error-codes";

/** Scheme name → scopes (always none here), as OpenAPI writes a security requirement. */
export type SecurityRequirement = Record<string, string[]>;

/** A raw JSON Schema, for bodies zod does not describe (PDF bytes, Prometheus text, SSE). */
export type RawSchema = Record<string, unknown>;

export type BodySpec = {
  contentType: string;
  schema: z.ZodType | RawSchema;
  description?: string;
  example?: unknown;
};

export type ResponseSpec = {
  description: string;
  /** Absent for answers with no body (304). */
  body?: BodySpec;
  headers?: Record<string, { description: string; schema?: RawSchema }>;
};

/**
 * One operation of the API document, keyed like the permission table ("GET /api/reports/[id]").
 * Security, the permission and the common error answers are derived from the route key and the input
 * schemas in build-document.ts, so a table entry says only what is particular to the route.
 */
export type OperationSpec = {
  route: ApiRouteKey;
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodType;
  /** Path parameters; by default every `{name}` in the path is a string. */
  params?: z.ZodObject;
  body?: BodySpec;
  responses: Record<number, ResponseSpec>;
  /** Error codes this route may answer besides the common ones (400/401/403/404/429/500 as applicable). */
  errors?: ErrorCode[];
  /** Overrides the security derived from the permission (GET /api/metrics takes its own token). */
  security?: SecurityRequirement[];
};

/** A JSON body: the usual case. */
export function json(schema: z.ZodType | RawSchema, example?: unknown): BodySpec {
  return example === undefined ? { contentType: "application/json", schema } : { contentType: "application/json", schema, example };
}
