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
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, options: SpanOptions = {}): Promise<T> {
  return tracer().startActiveSpan(name, { attributes, kind: options.kind ?? SpanKind.INTERNAL }, options.parent ?? context.active(), async (span) => {
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
