import { chooseFarringtonB } from "@/lib/analytics/anomalies/farrington-presets";
import type { Frequency } from "@/lib/analytics/anomalies/types";

/**
 * The method `detectAnomalies` runs for method "auto": Farrington-flexible (Noufaily) when the
 * series holds at least its minimum history (`chooseFarringtonB`: weekly 56, monthly 26, quarterly
 * 13, yearly 4 periods), else EARS C3. Chosen by measurement (bench/anomalies-accuracy.ts, figures
 * in this folder's README), F1 / false-alarm rate per period:
 * - RKI weekly outbreak labels, 14 series, weeks 56-209: Farrington b=1 0.309 / 0.047 vs EARS C3
 *   0.258 / 0.087, C2 0.151, C1 0.098 (CDC thresholds); weeks 108-209: Farrington b=2 0.340 / 0.028 vs C3 0.238 / 0.075.
 * - RKI in 4-week periods (monthly-like, monthly preset): Farrington b=2 0.615 / 0.037 vs C3 0.353 / 0.098.
 * - NAB windows in 2-hour bins (12 per cycle, monthly preset): Farrington 0.216 at 18 false events
 *   per 1,000 bins vs C3 0.201 at 59.
 * Below Farrington's minimum, EARS C3 had the best F1 of the EARS variants on 3 of the 4 sets and the
 * best recall on all. S-H-ESD is never the automatic choice: it decomposes the whole series (it looks
 * ahead, so its figures are not comparable with prospective monitoring) and caps flags at 2% of points.
 * Quarterly and yearly follow the same rule without labelled data of their own.
 */
export function chooseAutoMethod(frequency: Frequency, length: number): "farrington" | "ears_c3" {
  return chooseFarringtonB(length, frequency) !== null ? "farrington" : "ears_c3";
}
