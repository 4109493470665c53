// Forecast accuracy and fit time of lib/analytics/forecast next to R forecast::ets and auto.arima.
//
//   npx tsx bench/forecast-accuracy.ts            (R columns need /usr/bin/Rscript with r-cran-forecast)
//   npx tsx bench/forecast-accuracy.ts --all-models   (R's full set of 15 ETS models instead of our 9)
//   npx tsx bench/forecast-accuracy.ts --fresh-r      (re-run R instead of using the cached R answers)
//
// Series: 20 public series from R (tests/fixtures/forecast/r-datasets.json: 12 monthly, 4 quarterly,
// 4 yearly) and the 15 weekly RKI/Salmonella count series of ../shared/data/surveillance_weekly.
// Each series loses its last h points to a hold-out (M4 horizons: yearly 6, quarterly 8, monthly 18,
// weekly 13); every method sees only the rest. Metrics follow the M4 definitions (analytics.md §1):
// MASE with m = 4 (quarterly), 12 (monthly), 1 (yearly and weekly, as in the M4), sMAPE on 0–200, and
// the pooled share of hold-out points inside the 95% interval. Targets: mean MASE no worse than R ets;
// 95% coverage 0.92–0.98; median time to fit a 10-year monthly series ≤ 20 ms.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intervalCoverage, mase, msis, smape, type ForecastFrequency } from "@/lib/analytics/forecast";
import { ETS_MODEL_CODES } from "@/lib/analytics/forecast/ets-model";
import { selectEtsModel } from "@/lib/analytics/forecast/ets-select";
import { DEFAULT_MODELS, forecastSeriesWith, type ForecastEngineOptions } from "@/lib/analytics/forecast/forecast-series";
import { sharedDataPath } from "@/tests/support/shared-data";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WEEKLY_DIR = sharedDataPath("surveillance_weekly");
const HORIZON: Record<ForecastFrequency, number> = { 1: 6, 4: 8, 12: 18, 52: 13 };
const MASE_PERIOD: Record<ForecastFrequency, number> = { 1: 1, 4: 4, 12: 12, 52: 1 };
const GROUP: Record<ForecastFrequency, string> = { 1: "yearly", 4: "quarterly", 12: "monthly", 52: "weekly" };
const engine: ForecastEngineOptions = process.argv.includes("--all-models") ? { models: ETS_MODEL_CODES } : {};

interface Series {
  name: string;
  frequency: ForecastFrequency;
  values: number[];
}

interface MethodForecast {
  model: string;
  mean: number[];
  lower95: number[];
  upper95: number[];
}

function loadSeries(): Series[] {
  const fixture = JSON.parse(readFileSync(path.join(root, "tests/fixtures/forecast/r-datasets.json"), "utf8")) as {
    series: { name: string; frequency: ForecastFrequency; values: number[] }[];
  };
  const out: Series[] = fixture.series.map((s) => ({ name: s.name, frequency: s.frequency, values: s.values }));
  const rki = new Map<string, number[]>();
  for (const line of readFileSync(path.join(WEEKLY_DIR, "rki_labeled_weekly.csv"), "utf8").trim().split("\n").slice(1)) {
    const [dataset, , observed] = line.split(",");
    const key = (dataset ?? "").replaceAll('"', "");
    rki.set(key, [...(rki.get(key) ?? []), Number(observed)]);
  }
  for (const [name, values] of rki) out.push({ name: `rki_${name}`, frequency: 52, values });
  const salm = readFileSync(path.join(WEEKLY_DIR, "salmNewport_national_weekly.csv"), "utf8").trim().split("\n").slice(1);
  out.push({ name: "salmNewport", frequency: 52, values: salm.map((line) => Number(line.split(",")[1])) });
  return out;
}

function ours(train: number[], frequency: ForecastFrequency, h: number) {
  const result = forecastSeriesWith({ values: train, frequency, horizon: h, levels: [80, 95] }, engine);
  const pick = (rows: typeof result.forecast, label: string): MethodForecast => ({
    model: label,
    mean: rows.map((r) => r.mean),
    lower95: rows.map((r) => r.lower["95"]!),
    upper95: rows.map((r) => r.upper["95"]!),
  });
  const label = result.method === "ets" ? `${result.model}${result.transform === "log1p" ? "/log1p" : ""}${result.seasonalAdjustment ? "+SA52" : ""}` : result.model;
  return {
    ets: pick(result.forecast, label),
    snaive: pick(result.baselines!.seasonalNaive, "snaive"),
    naive2: pick(result.baselines!.naive2, "naive2"),
  };
}

function runR(jobs: { id: string; values: number[]; frequency: number; h: number }[]): Map<string, Record<string, MethodForecast | { error: string }>> | string {
  const rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].find((p) => existsSync(p));
  if (!rscript) return "R not found (no Rscript): R columns skipped";
  // R's answers depend only on the jobs and the script, and auto.arima on weekly data takes minutes, so
  // they are cached in the OS temp dir under a hash of both (--fresh-r ignores the cache).
  const script = path.join(root, "bench/forecast-reference.R");
  const key = createHash("sha256").update(JSON.stringify(jobs)).update(readFileSync(script)).digest("hex").slice(0, 16);
  const cache = path.join(os.tmpdir(), `forecast-reference-${key}.json`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "forecast-bench-"));
  try {
    if (!existsSync(cache) || process.argv.includes("--fresh-r")) {
      writeFileSync(path.join(dir, "jobs.json"), JSON.stringify(jobs));
      const run = spawnSync(rscript, [script, path.join(dir, "jobs.json"), cache], { encoding: "utf8", timeout: 30 * 60 * 1000 });
      if (run.status !== 0) return `Rscript failed (${run.status}): ${run.stderr.slice(0, 500)}`;
    } else {
      console.log(`R results from cache ${cache}`);
    }
    const out = JSON.parse(readFileSync(cache, "utf8")) as ({ id: string } & Record<string, unknown>)[];
    return new Map(
      out.map((entry) => {
        const methods: Record<string, MethodForecast | { error: string }> = {};
        for (const key of ["ets", "arima", "stlf"]) {
          const m = entry[key] as { error?: string; model: string; mean: number[]; lower95: number[]; upper95: number[] } | undefined;
          if (!m) continue;
          methods[key] = m.error ? { error: m.error } : { model: m.model, mean: m.mean, lower95: m.lower95, upper95: m.upper95 };
        }
        return [entry.id, methods];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Score {
  mase: number;
  smape: number;
  msis: number;
  inside: number;
  points: number;
}

function score(method: MethodForecast, train: number[], test: number[], m: number): Score {
  return {
    mase: mase(test, method.mean, train, m),
    smape: smape(test, method.mean),
    msis: msis(test, method.lower95, method.upper95, train, m),
    inside: intervalCoverage(test, method.lower95, method.upper95) * test.length,
    points: test.length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits);
}

const series = loadSeries();
const jobs = series.map((s) => ({ id: s.name, values: s.values.slice(0, s.values.length - HORIZON[s.frequency]), frequency: s.frequency, h: HORIZON[s.frequency] }));
console.log(`forecast accuracy bench: ${series.length} series, candidate models: ${engine.models ? "all 15" : "default 9"}`);
const started = performance.now();
const rResults = runR(jobs);
const rSeconds = (performance.now() - started) / 1000;
if (typeof rResults === "string") console.log(rResults);
else console.log(`R ets/auto.arima/stlf: ${rSeconds.toFixed(1)} s for all series`);

const METHODS = ["ours", "snaive", "naive2", "R ets", "R arima", "R stlf"] as const;
type Method = (typeof METHODS)[number];
const scores = new Map<string, Map<Method, Score>>();
const perSeries: string[] = [];
for (const s of series) {
  const h = HORIZON[s.frequency];
  const train = s.values.slice(0, s.values.length - h);
  const test = s.values.slice(s.values.length - h);
  const m = MASE_PERIOD[s.frequency];
  const o = ours(train, s.frequency, h);
  const row = new Map<Method, Score>([
    ["ours", score(o.ets, train, test, m)],
    ["snaive", score(o.snaive, train, test, m)],
    ["naive2", score(o.naive2, train, test, m)],
  ]);
  const r = typeof rResults === "string" ? undefined : rResults.get(s.name);
  const models: string[] = [o.ets.model];
  for (const [key, label] of [["ets", "R ets"], ["arima", "R arima"], ["stlf", "R stlf"]] as const) {
    const fc = r?.[key];
    if (fc && "mean" in fc) {
      row.set(label, score(fc, train, test, m));
      models.push(fc.model);
    } else if (fc) models.push(`${label} failed: ${fc.error}`);
  }
  scores.set(s.name, row);
  perSeries.push(
    `${s.name.padEnd(16)} ${GROUP[s.frequency].padEnd(9)} n=${String(train.length).padEnd(4)} MASE ours ${fmt(row.get("ours")?.mase)} R ets ${fmt(row.get("R ets")?.mase)} arima ${fmt(row.get("R arima")?.mase)} | ${models.join(" · ")}`,
  );
}

console.log("\nPer series (hold-out MASE; models: ours · R ets · R auto.arima · R stlf):");
for (const line of perSeries) console.log("  " + line);

function summarise(names: string[], method: Method) {
  const rows = names.map((n) => scores.get(n)?.get(method)).filter((x): x is Score => x !== undefined);
  if (rows.length < names.length) return undefined;
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    mase: mean(finite(rows.map((r) => r.mase))),
    smape: mean(rows.map((r) => r.smape)),
    msis: mean(finite(rows.map((r) => r.msis))),
    coverage: rows.reduce((a, r) => a + r.inside, 0) / rows.reduce((a, r) => a + r.points, 0),
  };
}

const groups: [string, string[]][] = [
  ...(["monthly", "quarterly", "yearly", "weekly"] as const).map((g) => [g, series.filter((s) => GROUP[s.frequency] === g).map((s) => s.name)] as [string, string[]]),
  ["R datasets (20)", series.filter((s) => s.frequency !== 52).map((s) => s.name)],
  ["all (35)", series.map((s) => s.name)],
];
console.log("\nMean MASE / mean sMAPE (0–200) / mean MSIS / pooled 95% coverage:");
console.log(`  ${"group".padEnd(17)} ${METHODS.map((m) => m.padEnd(30)).join("")}`);
for (const [label, names] of groups) {
  const cells = METHODS.map((method) => {
    const s = summarise(names, method);
    return (s ? `${fmt(s.mase)} / ${fmt(s.smape, 1)} / ${fmt(s.msis, 1)} / ${fmt(s.coverage, 2)}` : "–").padEnd(30);
  });
  console.log(`  ${label.padEnd(17)} ${cells.join("")}`);
}

// Fit time: a 10-year monthly series (the first 120 months of UKDriverDeaths), warm, median of 50 runs:
// the whole forecastSeries call, and the model selection alone (fitting every candidate, no intervals).
const tenYears = series.find((s) => s.name === "UKDriverDeaths")!.values.slice(0, 120);
function timeIt(fn: () => void): { wall: number; cpu: number } {
  for (let i = 0; i < 30; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 50; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
const whole = timeIt(() => forecastSeriesWith({ values: tenYears, frequency: 12, horizon: 18 }, engine));
const selection = timeIt(() => selectEtsModel(tenYears, { m: 12, seasonal: true, multiplicative: true, models: engine.models ?? DEFAULT_MODELS }));
const result = forecastSeriesWith({ values: tenYears, frequency: 12, horizon: 18 }, engine);
console.log(
  `\nTime on a 10-year monthly series (120 points; selected ${result.model}, ${result.intervalMethod} intervals), median of 50 warm runs (target ≤ 20 ms):` +
    `\n  forecastSeries (fit + intervals, h = 18): ${fmt(whole.wall, 1)} ms wall, ${fmt(whole.cpu, 1)} ms CPU` +
    `\n  model selection alone (fit ${result.candidates.length} models): ${fmt(selection.wall, 1)} ms wall, ${fmt(selection.cpu, 1)} ms CPU` +
    `\n  load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (other work on the machine slows these figures).`,
);
