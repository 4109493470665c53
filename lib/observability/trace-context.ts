import { context, propagation, ROOT_CONTEXT, trace, type Context } from "@opentelemetry/api";

// W3C trace context across the job queue: the request puts its traceparent into the event, and each
// job step continues that trace (the step may run in another process, or after a restart).

/** The active span's W3C traceparent, or undefined when there is none (tracing off, or not sampled in). */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** `{ traceparent }` for an event's data, or nothing: the field is optional in the event schemas. */
export function traceparentField(): { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent === undefined ? {} : { traceparent };
}

/** The context a traceparent names (a remote parent); the active context when there is none. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  if (traceparent === undefined) return context.active();
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** An event's `traceparent` field, if it has one (job data is checked by its own schema, not this). */
export function traceparentOf(data: unknown): string | undefined {
  const value = typeof data === "object" && data !== null ? (data as { traceparent?: unknown }).traceparent : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * The parent of a request's span: the span already active (Next's own request span, which has already
 * honoured an incoming traceparent), else the request's `traceparent` header.
 */
export function requestParentContext(headers: Headers): Context {
  const active = context.active();
  if (trace.getSpan(active)) return active;
  return propagation.extract(active, headers, { get: (carrier, key) => carrier.get(key) ?? undefined, keys: (carrier) => [...carrier.keys()] });
}
