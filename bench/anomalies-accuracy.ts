// Spike-detection accuracy on labelled real data, ours next to R's surveillance (earsC C3,
// farringtonFlexible) run in the same process tree. Not part of `npm test`.
//   npx tsx bench/anomalies-accuracy.ts [rki|rki4|nab]   (about 12 min, mostly R; R parts skipped with a
//   message if Rscript is missing)
// Data: ../shared/data/surveillance_weekly (RKI outbreak labels) and ../shared/data/nab (label windows).
//
// Scoring.
// RKI, per week, pooled over the 14 series: TP = alarm in a labelled outbreak week, FP = alarm in
//   any other week, FN = outbreak week without alarm; precision, recall, F1, false-alarm rate =
//   FP / non-outbreak weeks; "episodes" = labelled outbreaks with at least one alarm. All methods are
//   scored on the same weeks (those Farrington with b years back can assess).
// NAB, per window: series averaged into 2-hour bins (12 per day; a "year" of the methods is a day);
//   the first 15% of each series is NAB's probationary period and is not scored. A label window is
//   detected (TP) if any flag falls inside it; flags are collapsed into events (runs of consecutive
//   flagged bins) and an event touching no window is a false positive. precision = events touching a
//   window / events, recall = detected windows / windows, FA = false events per 1,000 bins outside
//   windows.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { computeEars, type EarsVariant } from "@/lib/analytics/anomalies/ears-c";
import { computeFarringtonFlexible, FARRINGTON_NOUFAILY_DEFAULTS } from "@/lib/analytics/anomalies/farrington-flexible";
import { FARRINGTON_PRESETS } from "@/lib/analytics/anomalies/farrington-presets";
import { computeShesd } from "@/lib/analytics/anomalies/shesd";
import type { EsdDirection } from "@/lib/analytics/anomalies/generalized-esd";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA = path.resolve(root, "../shared/data");

type Detector = { name: string; run: (values: number[], frequency: number) => boolean[] };
type FarringtonSetup = { b: number; w: number; noPeriods: number; pastPeriodsNotIncluded: number };

function toFlags(n: number, assessments: Array<{ index: number; alarm: boolean }>): boolean[] {
  const flags = new Array<boolean>(n).fill(false);
  for (const a of assessments) if (a.alarm) flags[a.index] = true;
  return flags;
}
const ears = (variant: EarsVariant, minSigma: number): Detector => ({
  name: `ours ears_${variant.toLowerCase()} (CDC threshold)${minSigma ? ` minSigma=${minSigma}` : ""}`,
  run: (v) => toFlags(v.length, computeEars(v, { variant, minSigma })),
});
const farrington = (setup: FarringtonSetup): Detector => ({
  name: `ours farrington b=${setup.b}`,
  run: (v, frequency) => toFlags(v.length, computeFarringtonFlexible(v, { ...FARRINGTON_NOUFAILY_DEFAULTS, ...setup, frequency })),
});
const shesd = (direction: EsdDirection, maxAnoms: number): Detector => ({
  name: `ours shesd ${direction} max_anoms=${maxAnoms}`,
  run: (v, frequency) => toFlags(v.length, computeShesd(v, { period: frequency, direction, maxAnoms }).assessments),
});

// ---- R reference (same series, same controls) --------------------------------------------------
type RJob = { id: string; values: number[]; frequency: number; farrington: { b: number; w: number; noPeriods: number; pastWeeksNotIncluded: number } };
type RAlarms = { firstIndex: number; alarm: boolean[]; failedPeriods: number };
type RResult = { id: string; earsC3: RAlarms; farrington: RAlarms };

function runR(jobs: RJob[]): Map<string, RResult> | null {
  const probe = spawnSync("Rscript", ["-e", "suppressMessages(library(surveillance)); library(jsonlite)"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    console.log("R reference skipped: Rscript with surveillance and jsonlite not found (apt-get install r-base-core r-cran-surveillance r-cran-jsonlite).");
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "anomalies-bench-"));
  writeFileSync(path.join(dir, "jobs.json"), JSON.stringify(jobs));
  const started = Date.now();
  const r = spawnSync("Rscript", [path.join(root, "bench/anomalies-reference.R"), path.join(dir, "jobs.json"), path.join(dir, "out.json")], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.log(`R reference failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
    return null;
  }
  const out = JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")) as { surveillance: string; results: RResult[] };
  const failed = out.results.reduce((n, x) => n + x.farrington.failedPeriods, 0);
  console.log(
    `R surveillance ${out.surveillance}: ${jobs.length} series in ${((Date.now() - started) / 1000).toFixed(0)} s` +
      (failed ? `; farringtonFlexible stopped with an error on ${failed} periods (leverage-1 points give NaN weights), scored as no alarm` : ""),
  );
  return new Map(out.results.map((x) => [x.id, x]));
}
const fromR = (result: { firstIndex: number; alarm: boolean[] }, n: number) => {
  const flags = new Array<boolean>(n).fill(false);
  result.alarm.forEach((a, i) => (flags[result.firstIndex + i] = a === true));
  return flags;
};

// ---- tables ----------------------------------------------------------------------------------
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "  -  ");
function printTable(title: string, header: string[], rows: Array<Array<string | number>>) {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((r) => console.log(line(r)));
}

// ---- RKI -------------------------------------------------------------------------------------
function loadRki(): Array<{ name: string; values: number[]; state: number[] }> {
  const lines = readFileSync(path.join(DATA, "surveillance_weekly/rki_labeled_weekly.csv"), "utf8").trim().split("\n").slice(1);
  const byName = new Map<string, { values: number[]; state: number[] }>();
  for (const line of lines) {
    const [name, , observed, state] = line.split(",");
    const key = name!.replaceAll('"', "");
    const entry = byName.get(key) ?? { values: [], state: [] };
    entry.values.push(Number(observed));
    entry.state.push(Number(state));
    byName.set(key, entry);
  }
  return [...byName].map(([name, e]) => ({ name, ...e }));
}

function scoreWeeks(series: Array<{ state: number[] }>, flags: boolean[][], from: number) {
  let tp = 0, fp = 0, fn = 0, tn = 0, episodes = 0, detected = 0;
  series.forEach((s, k) => {
    let inEpisode = false, hit = false;
    for (let t = from; t < s.state.length; t++) {
      const outbreak = s.state[t] === 1;
      const alarm = flags[k]![t] === true;
      if (outbreak && alarm) tp++;
      else if (!outbreak && alarm) fp++;
      else if (outbreak) fn++;
      else tn++;
      if (outbreak && !inEpisode) { inEpisode = true; hit = false; episodes++; }
      if (outbreak && alarm && !hit) { hit = true; detected++; }
      if (!outbreak) inEpisode = false;
    }
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: (2 * precision * recall) / (precision + recall), far: fp / (fp + tn), episodes: `${detected}/${episodes}` };
}

/** RKI weeks summed into 4-week periods (13 a year; outbreak if any week is): a monthly-like proxy. */
function toFourWeekly(series: ReturnType<typeof loadRki>) {
  return series.map((s) => {
    const values: number[] = [];
    const state: number[] = [];
    for (let t = 0; t + 4 <= s.values.length; t += 4) {
      values.push(s.values.slice(t, t + 4).reduce((a, v) => a + v, 0));
      state.push(s.state.slice(t, t + 4).some((v) => v === 1) ? 1 : 0);
    }
    return { name: s.name, values, state };
  });
}

function benchRki(aggregate: boolean) {
  const series = aggregate ? toFourWeekly(loadRki()) : loadRki();
  const frequency = aggregate ? 13 : 52;
  const preset = aggregate ? FARRINGTON_PRESETS[12] : FARRINGTON_PRESETS[52];
  const unit = aggregate ? "4-week periods" : "weeks";
  for (const b of aggregate ? [2] : [1, 2]) {
    const from = frequency * b + preset.w;
    const setup = { ...preset, b };
    const detectors: Detector[] = [
      ears("C1", 0), ears("C2", 0), ears("C3", 0), ears("C1", 1), ears("C2", 1), ears("C3", 1),
      farrington(setup), shesd("pos", 0.02), shesd("pos", 0.05),
    ];
    const rows: Array<Array<string | number>> = [];
    const started = Date.now();
    for (const d of detectors) {
      const s = scoreWeeks(series, series.map((x) => d.run(x.values, frequency)), from);
      rows.push([d.name, s.tp, s.fp, s.fn, pct(s.precision), pct(s.recall), pct(s.f1), pct(s.far), s.episodes]);
    }
    const ms = Date.now() - started;
    const r = runR(series.map((x) => ({ id: x.name, values: x.values, frequency, farrington: { b, w: preset.w, noPeriods: preset.noPeriods, pastWeeksNotIncluded: preset.pastPeriodsNotIncluded } })));
    if (r) {
      for (const [label, key] of [["R earsC C3", "earsC3"], [`R farringtonFlexible b=${b}`, "farrington"]] as const) {
        const s = scoreWeeks(series, series.map((x) => fromR(r.get(x.name)![key], x.values.length)), from);
        rows.push([label, s.tp, s.fp, s.fn, pct(s.precision), pct(s.recall), pct(s.f1), pct(s.far), s.episodes]);
      }
    }
    const length = series[0]!.values.length;
    const periods = series.length * (length - from);
    const outbreakPeriods = series.reduce((n, x) => n + x.state.slice(from).filter((v) => v === 1).length, 0);
    printTable(
      `RKI ${aggregate ? "in 4-week periods (frequency 13, monthly Farrington preset)" : "weekly"}, 14 series, ${unit} ${from + 1}-${length} (${periods} ${unit}, ${outbreakPeriods} in outbreaks); ours ran in ${(ms / 1000).toFixed(1)} s`,
      ["method", "TP", "FP", "FN", "precision", "recall", "F1", "FA rate", "episodes"],
      rows,
    );
  }
}

// ---- NAB -------------------------------------------------------------------------------------
const BIN_HOURS = 2;
function toBinStart(timestamp: string): number {
  const ms = Date.parse(`${timestamp.slice(0, 10)}T${timestamp.slice(11, 19)}Z`);
  return ms - (ms % (BIN_HOURS * 3_600_000));
}

function loadNab() {
  const labels = JSON.parse(readFileSync(path.join(DATA, "nab/labels.json"), "utf8")) as Record<string, { windows: Array<[string, string]> }>;
  return Object.entries(labels).map(([file, { windows }]) => {
    const bins = new Map<number, { sum: number; count: number }>();
    for (const line of readFileSync(path.join(DATA, "nab", file), "utf8").trim().split("\n").slice(1)) {
      const [ts, value] = line.split(",");
      const key = toBinStart(ts!);
      const bin = bins.get(key) ?? { sum: 0, count: 0 };
      bin.sum += Number(value);
      bin.count++;
      bins.set(key, bin);
    }
    const starts = [...bins.keys()].sort((a, b) => a - b);
    const values = starts.map((k) => bins.get(k)!.sum / bins.get(k)!.count);
    const spans = windows.map(([a, b]) => [toBinStart(a), toBinStart(b)] as const);
    const windowOf = starts.map((s) => spans.findIndex(([a, b]) => s >= a && s <= b));
    return { file, values, windowOf, windows: spans.length };
  });
}

function scoreWindows(series: ReturnType<typeof loadNab>, flags: boolean[][]) {
  let detectedWindows = 0, windows = 0, events = 0, trueEvents = 0, falseEvents = 0, outsideBins = 0;
  series.forEach((s, k) => {
    const from = Math.floor(0.15 * s.values.length);
    const scoredWindows = new Set(s.windowOf.slice(from).filter((w) => w >= 0));
    windows += scoredWindows.size;
    const hit = new Set<number>();
    let t = from;
    while (t < s.values.length) {
      if (s.windowOf[t]! < 0) outsideBins++;
      if (!flags[k]![t]) { t++; continue; }
      let touches = false;
      while (t < s.values.length && flags[k]![t]) {
        if (s.windowOf[t]! >= 0) { touches = true; hit.add(s.windowOf[t]!); } else if (t > from) outsideBins++;
        t++;
      }
      events++;
      if (touches) trueEvents++; else falseEvents++;
    }
    detectedWindows += hit.size;
  });
  const precision = trueEvents / events;
  const recall = detectedWindows / windows;
  return { detected: `${detectedWindows}/${windows}`, events, falseEvents, precision, recall, f1: (2 * precision * recall) / (precision + recall), fa: (1000 * falseEvents) / outsideBins };
}

function benchNab() {
  const series = loadNab();
  const frequency = 24 / BIN_HOURS;
  const preset = FARRINGTON_PRESETS[12];
  const setup = { ...preset, b: 5 };
  const detectors: Detector[] = [
    ears("C1", 0), ears("C2", 0), ears("C3", 0), farrington(setup),
    shesd("pos", 0.02), shesd("both", 0.02),
  ];
  const rows: Array<Array<string | number>> = [];
  const started = Date.now();
  for (const d of detectors) {
    const s = scoreWindows(series, series.map((x) => d.run(x.values, frequency)));
    rows.push([d.name, s.detected, s.events, s.falseEvents, pct(s.precision), pct(s.recall), pct(s.f1), s.fa.toFixed(2)]);
  }
  const ms = Date.now() - started;
  const r = runR(series.map((x) => ({ id: x.file, values: x.values, frequency, farrington: { b: 5, w: preset.w, noPeriods: preset.noPeriods, pastWeeksNotIncluded: preset.pastPeriodsNotIncluded } })));
  if (r) {
    for (const [label, key] of [["R earsC C3", "earsC3"], ["R farringtonFlexible b=5", "farrington"]] as const) {
      const s = scoreWindows(series, series.map((x) => fromR(r.get(x.file)![key], x.values.length)));
      rows.push([label, s.detected, s.events, s.falseEvents, pct(s.precision), pct(s.recall), pct(s.f1), s.fa.toFixed(2)]);
    }
  }
  printTable(
    `NAB realKnownCause, 5 series in ${BIN_HOURS}-hour bins (${series.reduce((n, s) => n + s.values.length, 0)} bins), period 1 day = ${frequency} bins; ours ran in ${(ms / 1000).toFixed(1)} s`,
    ["method", "windows", "events", "false", "precision", "recall", "F1", "FA/1000"],
    rows,
  );
}

const only = process.argv[2];
if (!only || only === "rki") benchRki(false);
if (!only || only === "rki4") benchRki(true);
if (!only || only === "nab") benchNab();
