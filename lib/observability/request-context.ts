import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// The request a piece of work belongs to, so every log line written inside it carries the request id
// without each caller passing it. Kept on globalThis: instrumentation.ts and the route bundles get
// separate module copies, and a second AsyncLocalStorage would see none of the first one's contexts.

export type RequestContext = { requestId: string };

const STORAGE_KEY = Symbol.for("cer.observability.requestContext");
const globalSlot = globalThis as unknown as { [STORAGE_KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (globalSlot[STORAGE_KEY] ??= new AsyncLocalStorage<RequestContext>());

/** What an incoming x-request-id may look like to be kept: short, no spaces, nothing a log could misread. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is well formed, else a new UUID. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given !== null && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export function isValidRequestId(value: unknown): value is string {
  return typeof value === "string" && REQUEST_ID_PATTERN.test(value);
}

export function runWithRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/** The request id of the work running now; undefined outside a request (or a job a request started). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
