// Spike-detection speed at the largest series each method takes: S-H-ESD on Twitter's raw_data (14,398
// minute points, period 1440) and on 20,000 points (raw_data followed by its first 5,602 points again:
// generated, for size only), EARS on 5,000 periods, Farrington on 1,000 (its per-request limit).
// Baselines measured in the same run: the S-H-ESD figure next to its STL decomposition alone, and the
// ESD loop (median and MAD per step by quickselect) next to the same loop with a full sort per step.
// Medians of 5 runs.   Run: npx tsx bench/spike-speed.ts   (or npm run bench -- spikes)
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { decomposeStl, detectAnomalies, runGeneralizedEsd } from "@/lib/analytics/anomalies";
import { sharedDataPath } from "@/tests/support/shared-data";

const RUNS = 5;
const raw = readFileSync(sharedDataPath("twitter_anomalydetection", "raw_data.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => Number(line.split(",")[1]));
const twenty = [...raw, ...raw.slice(0, 20_000 - raw.length)];

function medianMs(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1]!;
}

/** The ESD loop as it was before quickselect: a full sort for each median and MAD (the baseline). */
function sortedEsdBaseline(values: readonly number[], maxOutliers: number): number {
  const remaining = [...values];
  const median = (xs: number[]) => {
    const s = Float64Array.from(xs).sort();
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  let last = 0;
  for (let i = 0; i < maxOutliers; i++) {
    const c = median(remaining);
    const scale = 1.4826 * median(remaining.map((v) => Math.abs(v - c)));
    let best = 0;
    remaining.forEach((v, j) => {
      if (Math.abs(v - c) > Math.abs(remaining[best]! - c)) best = j;
    });
    last = Math.abs(remaining[best]! - c) / scale;
    remaining.splice(best, 1);
  }
  return last;
}

const row = (label: string, ms: number, baselineLabel: string, baselineMs: number) =>
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   ${baselineLabel.padEnd(34)} ${baselineMs.toFixed(0).padStart(7)} ms   ratio ${(ms / baselineMs).toFixed(2)}`);

console.log(`spike speed, median of ${RUNS} runs; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);
for (const [name, series] of [
  ["raw_data 14,398", raw],
  ["20,000 points", twenty],
] as const) {
  const params = { direction: "both", period: 1440 } as const;
  const shesd = medianMs(() => detectAnomalies({ values: series, method: "shesd", params }));
  const stl = medianMs(() => decomposeStl(series, { period: 1440, seasonalWindow: "periodic", robust: true }));
  row(`shesd both, ${name}`, shesd, "its STL alone", stl);
  const { seasonal } = decomposeStl(series, { period: 1440, seasonalWindow: "periodic", robust: true });
  const level = [...series].sort((a, b) => a - b)[series.length >> 1]!;
  const residual = series.map((v, i) => v - seasonal[i]! - level);
  const maxOutliers = Math.trunc(series.length * 0.02);
  const esd = medianMs(() => runGeneralizedEsd(residual, { maxOutliers, alpha: 0.05, direction: "both" }));
  const sorted = medianMs(() => sortedEsdBaseline(residual, maxOutliers));
  row(`  ESD loop, ${maxOutliers} steps (quickselect)`, esd, "same loop, full sort per step", sorted);
}
const weekly = Array.from({ length: 5000 }, (_, i) => raw[i]!);
const earsMs = medianMs(() => detectAnomalies({ values: weekly, frequency: 52, method: "ears_c3" }));
const farringtonSeries = weekly.slice(0, 1000).map((v) => Math.round(v));
const farringtonMs = medianMs(() => detectAnomalies({ values: farringtonSeries, frequency: 52, method: "farrington" }));
const stl5000 = medianMs(() => decomposeStl(weekly, { period: 52, seasonalWindow: "periodic", robust: true }));
row("ears_c3, 5,000 periods", earsMs, "STL of the same 5,000 (period 52)", stl5000);
row("farrington, 1,000 weekly periods", farringtonMs, "STL of 5,000 (period 52)", stl5000);
