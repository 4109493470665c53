import { context, propagation, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { getEnv, type ServerEnv } from "@/lib/env";
import { APP_VERSION } from "@/lib/version";

// Traces (#13 item 3). Every setting comes from lib/env.ts and is passed to the SDK explicitly. The SDK
// would otherwise read OTEL_* itself (sampler, span limits, batch sizes, exporter url/timeout/compression):
// each of those is given here, so ours win. The one exception: the OTLP exporter also merges header keys
// from OTEL_EXPORTER_OTLP_HEADERS (the same value we validated) and OTEL_EXPORTER_OTLP_TRACES_HEADERS
// (keys we set override it); we do not manage the latter.

export type TracingSettings = {
  /** Full URL of the OTLP/HTTP traces endpoint (…/v1/traces). */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
  serviceVersion: string;
  sampleRatio: number;
};

/**
 * The traces URL for an OTLP endpoint: `<endpoint>/v1/traces`, as the OTLP spec says for the base
 * OTEL_EXPORTER_OTLP_ENDPOINT, unless the endpoint already ends with /v1/traces (a signal URL pasted in
 * as the base), which is then used as it is.
 */
export function toTracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, "");
  return /\/v1\/traces$/.test(trimmed) ? trimmed : `${trimmed}/v1/traces`;
}

/** "k=v,k2=v2" (W3C baggage-like, values may be percent-encoded) → a header record. lib/env.ts checked the shape. */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (raw === undefined) return headers;
  for (const pair of raw.split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const value = pair.slice(at + 1).trim();
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // not percent-encoded: keep it as written
    }
    headers[pair.slice(0, at).trim()] = decoded;
  }
  return headers;
}

/** Null when OTEL_EXPORTER_OTLP_ENDPOINT is unset: no tracing at all. */
export function tracingSettingsFromEnv(env: ServerEnv): TracingSettings | null {
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return null;
  return {
    url: toTracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: env.OTEL_SERVICE_NAME,
    serviceVersion: APP_VERSION,
    sampleRatio: env.OTEL_TRACES_SAMPLE_RATIO,
  };
}

// The exporter types compression as an enum of a package we do not depend on directly; its value is "none".
const NO_COMPRESSION = "none" as NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>["compression"];

/** The longest SIGTERM waits for the last spans to be exported before the server's own shutdown runs. */
const SIGTERM_FLUSH_MS = 2000;

function withDeadline(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.catch(() => undefined).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export type Tracing = {
  /** Exports what is queued (tests; SIGTERM does it through shutdown). */
  flush(): Promise<void>;
  /** Flushes, stops the provider and unregisters it from the API (which becomes a no-op again). */
  shutdown(): Promise<void>;
};

// Instrumentation and the worker each start tracing once per process; route bundles must not start a second.
const globalForTracing = globalThis as unknown as { cerTracing?: Tracing };

export type StartTracingOptions = {
  /** Default: from getEnv(). */
  settings?: TracingSettings | null;
  /** Default: OTLP/HTTP (JSON) to settings.url. Tests may pass another exporter. */
  exporter?: SpanExporter;
  /** Flush and shut down on SIGTERM (default true; tests pass false). */
  onSigterm?: boolean;
};

/**
 * Registers the process's tracer provider when an OTLP endpoint is configured; otherwise registers
 * nothing, so every span call stays the API's no-op. Returns null in that case.
 */
export function startTracing(options: StartTracingOptions = {}): Tracing | null {
  if (globalForTracing.cerTracing) return globalForTracing.cerTracing;
  const settings = options.settings === undefined ? tracingSettingsFromEnv(getEnv()) : options.settings;
  if (settings === null) return null;

  const exporter =
    options.exporter ??
    new OTLPTraceExporter({ url: settings.url, headers: settings.headers, timeoutMillis: 10_000, compression: NO_COMPRESSION, concurrencyLimit: 30 });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: settings.serviceVersion }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanLimits: { attributeCountLimit: 128, attributeValueLengthLimit: 1024, eventCountLimit: 128, linkCountLimit: 128 },
    spanProcessors: [
      new BatchSpanProcessor(exporter, { maxQueueSize: 2048, maxExportBatchSize: 512, scheduledDelayMillis: 5000, exportTimeoutMillis: 30_000 }),
    ],
  });
  // W3C trace context only: it is what the report event carries and what an upstream proxy sends.
  provider.register({ propagator: new W3CTraceContextPropagator() });

  // Next registers its SIGTERM handler (close the server, then process.exit within milliseconds) before
  // instrumentation runs; an emit calls every listener it had at the start, so a listener of ours could
  // not hold it back. Instead the handlers already registered are taken over and called once the queue
  // is flushed (at most SIGTERM_FLUSH_MS later). Handlers registered after this run as usual.
  const heldBack: ((signal: NodeJS.Signals) => void)[] = [];
  let signalled = false;
  const onSigterm = (signal: NodeJS.Signals) => {
    signalled = true;
    void withDeadline(tracing.shutdown(), SIGTERM_FLUSH_MS).finally(() => {
      // Nobody else listens: shutdown removed ours, so the re-raised signal ends the process as by default.
      if (heldBack.length === 0 && process.listenerCount("SIGTERM") === 0) process.kill(process.pid, signal);
      for (const listener of heldBack) listener(signal);
    });
  };
  const tracing: Tracing = {
    flush: () => provider.forceFlush(),
    async shutdown() {
      process.off("SIGTERM", onSigterm);
      // Shut down without a signal (tests, the worker): the handlers taken over get their place back.
      if (!signalled) for (const listener of heldBack.splice(0)) process.on("SIGTERM", listener);
      if (globalForTracing.cerTracing === tracing) delete globalForTracing.cerTracing;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  if (options.onSigterm !== false) {
    for (const listener of process.listeners("SIGTERM")) {
      heldBack.push(listener as (signal: NodeJS.Signals) => void);
      process.off("SIGTERM", listener);
    }
    process.on("SIGTERM", onSigterm);
  }
  globalForTracing.cerTracing = tracing;
  return tracing;
}
