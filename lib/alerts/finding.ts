import type { Finding } from "@/lib/schemas/alerts";

// When a finding already alerted is raised again: only when it worsened. Pure.

/** Relative rise of the score that counts as worse (not noise from a re-fetched series). */
export const SCORE_WORSENING = 0.1;

/**
 * Worse than the finding last alerted: it now meets a rule it did not (a signal under a stricter
 * rule), or its score rose by more than SCORE_WORSENING of the old one (at least 0.01 absolute).
 */
export function isWorsening(previous: Pick<Finding, "score" | "rules">, next: Pick<Finding, "score" | "rules">): boolean {
  if (next.rules.some((rule) => !previous.rules.includes(rule))) return true;
  const rise = next.score - previous.score;
  return rise > Math.max(0.01, Math.abs(previous.score) * SCORE_WORSENING);
}
