// Disproportionality speed on all of FAERS 2022Q3 (pvLRT's faers22q3raw.csv.gz: 496,312 rows, one per
// case × primary-suspect drug × PT): stream-decompress and parse, build the report-level contingency set,
// closed-form measures for every pair, MGPS hyperparameter fit and EB scores. Prints wall time per phase and
// peak RSS next to a baseline measured in the same run (decompress + split lines, no parsing).
// Targets: total ≤ 10 s, peak RSS ≤ 2 GB.   Run: npx tsx bench/disproportionality-speed.ts [--exact]
// (--exact also fits without squashing, to measure what squashing changes; slow, not part of the total.)
import { createReadStream } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import {
  buildContingencySet,
  computeMeasures,
  computeMgpsScores,
  fitMgpsPrior,
  type ReportRow,
} from "@/lib/analytics/disproportionality";
import { sharedDataPath } from "@/tests/support/shared-data";
import { parseCsvLine } from "@/tests/unit/disproportionality/support/parse-csv-line";

const FILE = sharedDataPath("pvlrt_faers", "faers22q3raw.csv.gz");
const TARGET_SECONDS = 10;
const TARGET_RSS_MB = 2048;
const exact = process.argv.includes("--exact");

const mb = (bytes: number) => bytes / 1024 / 1024;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
const phases: { name: string; seconds: number; cpuSeconds: number; rssMb: number }[] = [];

/** Wall and CPU time of one phase (CPU shows the work when other processes share the cores). */
async function timed<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpuStarted);
  phases.push({
    name,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb: mb(process.memoryUsage().rss),
  });
  return result;
}

function lines() {
  return createInterface({ input: createReadStream(FILE).pipe(createGunzip()), crlfDelay: Infinity });
}

// Baseline: the cost of merely getting the lines off the disk (gunzip + readline), nothing parsed.
const baseline = await timed("baseline: gunzip + readline, count lines", async () => {
  let count = 0;
  for await (const line of lines()) if (line.length > 0) count += 1;
  return count;
});

const rows = await timed("1 read: gunzip + readline + CSV parse", async () => {
  const out: ReportRow[] = [];
  let header: string[] | null = null;
  let caseCol = 0;
  let drugCol = 1;
  let aeCol = 2;
  for await (const line of lines()) {
    if (line.length === 0) continue;
    const fields = parseCsvLine(line);
    if (header === null) {
      header = fields;
      [caseCol, drugCol, aeCol] = ["CASEID", "DRUG", "AE"].map((name) => fields.indexOf(name)) as [number, number, number];
      continue;
    }
    // CASEID is numeric in FAERS; numbers intern faster than strings.
    out.push({ id: Number(fields[caseCol]), drug: fields[drugCol] ?? "", event: fields[aeCol] ?? "" });
  }
  return out;
});

const set = await timed("2 contingency set (unique CASEIDs)", () => buildContingencySet(rows));

const measures = await timed("3 closed-form measures, every pair", () => set.pairs.map((pair) => computeMeasures(pair.table)));

const fit = await timed("4 MGPS fit (5 starts)", () => fitMgpsPrior(set.pairs.map((p) => ({ n: p.table.a, e: p.expected }))));

const scores = await timed("5 EB scores, every pair", () => computeMgpsScores(set.pairs, fit.hyperparameters));

const measured = phases.filter((p) => !p.name.startsWith("baseline"));
const total = measured.reduce((sum, p) => sum + p.seconds, 0);
const peak = peakRssMb();

console.log(`\nFAERS 2022Q3 PS-drug rows: ${rows.length} rows (${baseline - 1} data lines), ${set.totalReports} reports, ${set.drugCount} drugs, ${set.eventCount} PTs, ${set.pairs.length} pairs\n`);
const totalCpu = measured.reduce((sum, p) => sum + p.cpuSeconds, 0);
console.log("phase                                      wall s    CPU s   RSS after MB");
for (const p of phases) {
  console.log(`${p.name.padEnd(42)} ${p.seconds.toFixed(3).padStart(6)}   ${p.cpuSeconds.toFixed(3).padStart(6)}   ${p.rssMb.toFixed(0).padStart(6)}`);
}
console.log(`${"total (phases 1-5)".padEnd(42)} ${total.toFixed(3).padStart(6)}   ${totalCpu.toFixed(3).padStart(6)}`);
console.log(`(load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(", ")} on ${cpus().length} cores)`);
const baselineSeconds = phases[0]?.seconds ?? Number.NaN;
console.log(`total ÷ baseline: ${(total / baselineSeconds).toFixed(1)}×;  peak RSS ${peak.toFixed(0)} MB`);
console.log(`targets: total ≤ ${TARGET_SECONDS} s ${total <= TARGET_SECONDS ? "PASS" : "FAIL"}; peak RSS ≤ ${TARGET_RSS_MB} MB ${peak <= TARGET_RSS_MB ? "PASS" : "FAIL"}`);

const theta = fit.hyperparameters;
console.log(`\nMGPS: θ = (α1 ${theta.alpha1.toPrecision(6)}, β1 ${theta.beta1.toPrecision(6)}, α2 ${theta.alpha2.toPrecision(6)}, β2 ${theta.beta2.toPrecision(6)}, P ${theta.p.toPrecision(6)})`);
console.log(`      log-likelihood (exact cells) ${fit.logLikelihood.toFixed(4)}; converged ${fit.converged}; at bound ${fit.atBound}; agreeing starts ${fit.agreeingStarts}/${fit.starts.length - 1}; ${fit.evaluations} evaluations`);
const sq = fit.squashing;
console.log(
  `      ${fit.distinctPoints} distinct (N, E) points; squashing: ${sq ? `search ln-E width ${sq.searchLogEBinWidth} → ${sq.searchPoints} points, polish width ${sq.logEBinWidth} → ${sq.points} points` : "none"}`,
);
for (const s of fit.starts) console.log(`      search from ${JSON.stringify(s.start)} → LL ${s.logLikelihood.toFixed(4)}${sq ? " (on the search points)" : ""}, ${s.evaluations} evals`);
const signals = {
  evans: measures.filter((m) => m.flags.evans.signal).length,
  ror: measures.filter((m) => m.flags.ror.signal).length,
  ic: measures.filter((m) => m.flags.ic.signal).length,
  bcpnn: measures.filter((m) => m.flags.bcpnnGould.signal).length,
  eb05: scores.filter((s) => s.eb05 >= 2).length,
};
console.log(`signals: Evans ${signals.evans}, ROR025>1 ${signals.ror}, IC025>0 ${signals.ic}, BCPNN IC025>0 ${signals.bcpnn}, EB05≥2 ${signals.eb05} (of ${set.pairs.length} pairs)`);

if (exact) {
  const started = performance.now();
  const exactFit = fitMgpsPrior(set.pairs.map((p) => ({ n: p.table.a, e: p.expected })), { squashing: "off" });
  const exactScores = computeMgpsScores(set.pairs, exactFit.hyperparameters);
  const t = exactFit.hyperparameters;
  console.log(`\n--exact: fit without squashing in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`      θ = (${t.alpha1.toPrecision(6)}, ${t.beta1.toPrecision(6)}, ${t.alpha2.toPrecision(6)}, ${t.beta2.toPrecision(6)}, ${t.p.toPrecision(6)}), LL ${exactFit.logLikelihood.toFixed(4)} (squashed fit: ${(fit.logLikelihood - exactFit.logLikelihood).toFixed(4)} lower)`);
  const maxRel = Math.max(...scores.map((s, i) => Math.abs(s.eb05 - exactScores[i]!.eb05) / exactScores[i]!.eb05));
  console.log(`      EB05≥2 ${exactScores.filter((s) => s.eb05 >= 2).length}; max relative EB05 change vs squashed fit ${maxRel.toExponential(2)}`);
}
