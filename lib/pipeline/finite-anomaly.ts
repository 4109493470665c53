import type { Anomaly } from "@/lib/analytics/anomalies";

/**
 * JSON has no Infinity: a score over a zero-variance baseline (threshold = expected) is sent as null,
 * with the observed, expected and threshold values still there to read.
 */
export function toFiniteAnomaly(anomaly: Anomaly) {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return { ...anomaly, expected: finite(anomaly.expected), threshold: finite(anomaly.threshold), score: finite(anomaly.score) };
}
