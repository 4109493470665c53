import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { METRIC_CATALOG, type MetricKey } from "@/lib/observability/metric-catalog";

// One prom-client Registry per process, built once from the metric catalog. It lives on globalThis
// under a Symbol.for key: instrumentation.ts and each route bundle get their own copy of this module
// (stack.md P32), and a second registry would both split the counts and throw on re-registration.
// Process metrics are prom-client's defaults under their standard names (process_*, nodejs_*), so
// stock dashboards and alerts for Node apps read them unchanged.

type Catalog = typeof METRIC_CATALOG;
type LabelsOf<K extends MetricKey> = Catalog[K]["labels"][number];
type MetricOf<K extends MetricKey> = Catalog[K]["type"] extends "histogram"
  ? Histogram<LabelsOf<K>>
  : Catalog[K]["type"] extends "counter"
    ? Counter<LabelsOf<K>>
    : Gauge<LabelsOf<K>>;
export type AppMetrics = { [K in MetricKey]: MetricOf<K> };

/** Collected at scrape time (queue depth, open streams): each returns the gauge's current values. */
export type GaugeSample = { labels: Record<string, string>; value: number };
type GaugeSource = () => Promise<GaugeSample[]> | GaugeSample[];

// Seconds. Requests and openFDA calls: milliseconds to a timeout; job steps and queue waits: up to minutes.
const BUCKETS: Partial<Record<MetricKey, number[]>> = {
  httpRequestDuration: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  openFdaRequestDuration: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30],
  jobStepDuration: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
  jobQueueWait: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
};

type MetricsState = {
  registry: Registry;
  metrics: AppMetrics;
  gaugeSources: Map<MetricKey, GaugeSource>;
  /** Cache outcomes per backend since start, for the hit ratio. */
  cacheCounts: Map<string, { hits: number; total: number }>;
};

const STATE_KEY = Symbol.for("cer.observability.metrics");
const globalSlot = globalThis as unknown as { [STATE_KEY]?: MetricsState };

function create(): MetricsState {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gaugeSources = new Map<MetricKey, GaugeSource>();
  const cacheCounts = new Map<string, { hits: number; total: number }>();
  const metrics = {} as Record<MetricKey, Counter | Gauge | Histogram>;
  for (const [key, spec] of Object.entries(METRIC_CATALOG) as [MetricKey, Catalog[MetricKey]][]) {
    const common = { name: spec.name, help: spec.help, labelNames: [...spec.labels] as string[], registers: [registry] };
    if (spec.type === "histogram") metrics[key] = new Histogram({ ...common, buckets: BUCKETS[key] });
    else if (spec.type === "counter") metrics[key] = new Counter(common);
    else {
      metrics[key] = new Gauge({
        ...common,
        // A gauge with a source is set from it at each scrape; the others are set where they change.
        async collect() {
          const source = gaugeSources.get(key);
          if (!source) return;
          const samples = await source();
          this.reset();
          for (const sample of samples) {
            if (Object.keys(sample.labels).length === 0) this.set(sample.value);
            else this.set(sample.labels, sample.value);
          }
        },
      });
    }
  }
  gaugeSources.set("cacheHitRatio", () =>
    [...cacheCounts].map(([backend, c]) => ({ labels: { backend }, value: c.total === 0 ? 0 : c.hits / c.total })),
  );
  return { registry, metrics: metrics as unknown as AppMetrics, gaugeSources, cacheCounts };
}

function state(): MetricsState {
  return (globalSlot[STATE_KEY] ??= create());
}

export function getMetricsRegistry(): Registry {
  return state().registry;
}

export function appMetrics(): AppMetrics {
  return state().metrics;
}

/** Registers how a catalog gauge is read at scrape (the last registration wins: one per gauge). */
export function setGaugeSource(key: MetricKey, source: GaugeSource): void {
  state().gaugeSources.set(key, source);
}

/** One cached-answer lookup: the counter and the hit ratio. */
export function recordCacheLookup(backend: string, outcome: "hit" | "miss" | "stale"): void {
  safely(() => {
    const s = state();
    s.metrics.cacheRequests.inc({ backend, outcome });
    const counts = s.cacheCounts.get(backend) ?? { hits: 0, total: 0 };
    counts.total += 1;
    if (outcome === "hit") counts.hits += 1;
    s.cacheCounts.set(backend, counts);
  });
}

/** Never let a metric break the work it measures (a label typo, a registry problem). */
export function safely(record: () => void): void {
  try {
    record();
  } catch {
    // metrics are best effort
  }
}
