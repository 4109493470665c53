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

/** Playwright's APIResponse or a fetch Response (read from a clone, so the caller can still read it). */
async function partsOf(response: APIResponse | Response): Promise<{ status: number; mediaType: string; body: unknown }> {
  if (response instanceof Response) {
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    return { status: response.status, mediaType, body: await response.clone().json() };
  }
  const mediaType = (response.headers()["content-type"] ?? "").split(";")[0]!.trim();
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
