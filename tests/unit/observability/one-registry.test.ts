// Next gives instrumentation.ts and each route bundle its own copy of a module (stack.md P32): a
// second copy of the metrics module must find the first one's registry, not build (and fail to
// register) its own; the same for the request context the logger reads.
import { expect, test, vi } from "vitest";

async function freshCopy<T>(path: string): Promise<T> {
  vi.resetModules();
  return (await import(path)) as T;
}

test("two copies of the metrics module share one registry and one set of metrics", async () => {
  type Metrics = typeof import("@/lib/observability/metrics");
  const first = await freshCopy<Metrics>("@/lib/observability/metrics");
  const second = await freshCopy<Metrics>("@/lib/observability/metrics");
  expect(second.getMetricsRegistry()).toBe(first.getMetricsRegistry());
  first.appMetrics().alertsDelivered.inc();
  const exposition = await second.getMetricsRegistry().getSingleMetricAsString("cer_alerts_delivered_total");
  expect(exposition).toMatch(/^cer_alerts_delivered_total [1-9]/m);
});

test("a request context opened by one copy is seen by another", async () => {
  type Context = typeof import("@/lib/observability/request-context");
  const first = await freshCopy<Context>("@/lib/observability/request-context");
  const second = await freshCopy<Context>("@/lib/observability/request-context");
  expect(first.runWithRequestContext({ requestId: "shared-1" }, () => second.currentRequestId())).toBe("shared-1");
  expect(second.currentRequestId()).toBeUndefined();
});
