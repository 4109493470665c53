import type { DetectAnomaliesResult } from "@/lib/analytics/anomalies";

/**
 * One line for provenance and reports: the method and every parameter as it ran, marking the ones the
 * analyst set, e.g. `ears_c1 (threshold=2.5 [request], baseline=7, minSigma=0)`.
 */
export function describeSpikeRun(result: Pick<DetectAnomaliesResult, "method" | "parameters" | "parameterSources">): string {
  const parts = Object.entries(result.parameters).map(([name, value]) => `${name}=${value === null ? "null" : String(value)}${result.parameterSources[name] === "request" ? " [request]" : ""}`);
  return parts.length > 0 ? `${result.method} (${parts.join(", ")})` : result.method;
}

/** The method fields of a spike answer in which nothing was assessed (no complete period, or the question was refused). */
export const NO_SPIKE_RUN = { method: "none", parameters: {}, parameterSources: {}, settings: {}, assessments: [], anomalies: [] } as const satisfies Pick<
  DetectAnomaliesResult,
  "parameters" | "parameterSources" | "settings" | "assessments" | "anomalies"
> & { method: "none" };
