import { invalidInput } from "@/lib/errors/app-error";
import type { PeriodInterval } from "@/lib/analytics/series/periods";

/**
 * A product's trend can be longer than a forecast or spike detection takes (e.g. weeks over 1900–2999).
 * That is the caller's range, not our fault: refuse it as bad input, naming what to change, before the
 * analysis throws its own (unmapped) limit error.
 */
export function assertSeriesFits(
  analysis: "forecast" | "anomalies",
  range: { interval: PeriodInterval; from?: string | undefined; to?: string | undefined },
  points: number,
  maxPoints: number,
): void {
  if (points <= maxPoints) return;
  const asked = `interval=${range.interval}&from=${range.from ?? "(earliest)"}&to=${range.to ?? "(today)"}`;
  throw invalidInput(
    `${analysis}: ${asked} gives ${points} complete periods; at most ${maxPoints} are analysed. Choose a coarser interval or a shorter from–to range.`,
    { parameter: "interval", interval: range.interval, from: range.from ?? null, to: range.to ?? null, periods: points, maxPeriods: maxPoints },
  );
}
