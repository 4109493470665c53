import { expect, type APIResponse } from "@playwright/test";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";
import { createDocumentValidator, describeErrors, type ApiDocument } from "../support/openapi-validator";
import { APP_ORIGIN } from "./auth";

// Real answers checked against the API document the running app serves: the schema of the route's
// operation for the answer's status and media type, compiled with ajv (JSON Schema 2020-12).

let validator: Promise<ReturnType<typeof createDocumentValidator>> | undefined;

function documentValidator(): Promise<ReturnType<typeof createDocumentValidator>> {
  validator ??= fetch(`${APP_ORIGIN}/api/openapi.json`).then(async (response) => {
    if (response.status !== 200) throw new Error(`GET /api/openapi.json answered ${response.status}`);
    return createDocumentValidator((await response.json()) as ApiDocument);
  });
  return validator;
}

const mediaTypeOf = (contentType: string | null | undefined) => (contentType ?? "").split(";")[0]!.trim();

/**
 * For answers that are not JSON (a PDF, an event stream, Prometheus text): fails unless the document
 * lists that media type for the route and status. The body is not read.
 */
export async function expectDocumentedMediaType(response: APIResponse | Response, route: ApiRouteKey): Promise<void> {
  const status = response instanceof Response ? response.status : response.status();
  const contentType = response instanceof Response ? response.headers.get("content-type") : response.headers()["content-type"];
  const documented = (await documentValidator()).mediaTypesOf(route, status).map(mediaTypeOf);
  expect(documented, `${route} → ${status}: the document's media types`).toContain(mediaTypeOf(contentType));
}

/** Playwright's APIResponse or a fetch Response (read from a clone, so the caller can still read it). */
async function partsOf(response: APIResponse | Response): Promise<{ status: number; mediaType: string; body: unknown }> {
  if (response instanceof Response) {
    const mediaType = mediaTypeOf(response.headers.get("content-type"));
    return { status: response.status, mediaType, body: await response.clone().json() };
  }
  const mediaType = mediaTypeOf(response.headers()["content-type"]);
  return { status: response.status(), mediaType, body: await response.json() };
}

/**
 * Fails unless the answer's JSON body matches what the document says `route` answers with that
 * status (success bodies and the error body alike). Returns the body for further checks.
 */
export async function expectMatchesDocument(response: APIResponse | Response, route: ApiRouteKey): Promise<unknown> {
  const { status, mediaType, body } = await partsOf(response);
  const validate = (await documentValidator()).responseValidator(route, status, mediaType);
  expect(validate(body), `${route} → ${status} does not match the API document:\n${describeErrors(validate)}`).toBe(true);
  return body;
}
