import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";

const tracer = () => trace.getTracer("cer-analytics");

export type SpanOptions = {
  /** The parent; default the active context. */
  parent?: Context;
  kind?: SpanKind;
};

/**
 * Runs `fn` inside an active span: a throw is recorded on the span (status ERROR) and rethrown; the span
 * always ends. With no tracer provider registered (no OTLP endpoint) the API hands out a no-op span.
 * `attributes` may be a function, for attributes that cost something to compute.
 */
export function withSpan<T>(name: string, attributes: Attributes | (() => Attributes), fn: (span: Span) => Promise<T>, options: SpanOptions = {}): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL }, options.parent ?? context.active(), async (span) => {
    // Computed only for a span that records: with tracing off (or not sampled) a request pays nothing for them.
    if (span.isRecording()) span.setAttributes(typeof attributes === "function" ? attributes() : attributes);
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
