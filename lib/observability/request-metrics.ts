import "server-only";
import { appMetrics, safely } from "@/lib/observability/metrics";

/** One API request into the duration histogram: route is the route-table key, never a raw path (no ids in labels). */
export function recordRequestMetrics(route: string, status: number, seconds: number): void {
  safely(() => appMetrics().httpRequestDuration.observe({ route, status: String(status) }, seconds));
}
