// MGPS on openEBGM's CAERS example next to openEBGM's published numbers (vignettes of openEBGM 0.9.1,
// tests/fixtures/disproportionality/openebgm-published.json) and to an independent base-R fit of the same
// likelihood (tests/fixtures/disproportionality/caers-reference.json).   Run: npx tsx bench/disproportionality-openebgm.ts
import { readFileSync } from "node:fs";
import {
  buildContingencySet,
  computeMgpsScores,
  fitMgpsPrior,
  type MgpsFit,
  type MgpsHyperparameters,
  type ReportRow,
} from "@/lib/analytics/disproportionality";
import rReference from "@/tests/fixtures/disproportionality/caers-reference.json";
import published from "@/tests/fixtures/disproportionality/openebgm-published.json";
import { sharedDataPath } from "@/tests/support/shared-data";
import { parseCsvLine } from "@/tests/unit/disproportionality/support/parse-csv-line";

const lines = readFileSync(sharedDataPath("openebgm_caers", "caers.csv"), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
const header = parseCsvLine(lines[0] ?? "");
const [id, var1, var2] = ["id", "var1", "var2"].map((name) => header.indexOf(name)) as [number, number, number];
const rows: ReportRow[] = lines.slice(1).map((line) => {
  const f = parseCsvLine(line);
  return { id: f[id] ?? "", drug: f[var1] ?? "", event: f[var2] ?? "" };
});

const started = performance.now();
const set = buildContingencySet(rows);
const points = set.pairs.map((p) => ({ n: p.table.a, e: p.expected }));
const perStart = published.fullDataFit.starts.map((start) => fitMgpsPrior(points, { starts: [start] }));
const defaultFit = fitMgpsPrior(points);
const seconds = (performance.now() - started) / 1000;

const fmt = (t: MgpsHyperparameters) =>
  [t.alpha1, t.beta1, t.alpha2, t.beta2, t.p].map((v) => v.toFixed(6).padStart(10)).join(" ");
const eb05Count = (t: MgpsHyperparameters) => computeMgpsScores(set.pairs, t).filter((s) => s.eb05 >= 2).length;
const toTheta = ([alpha1 = 0, beta1 = 0, alpha2 = 0, beta2 = 0, p = 0]: number[]) => ({ alpha1, beta1, alpha2, beta2, p });

console.log(`CAERS (openEBGM data(caers)): ${set.totalReports} reports, ${set.drugCount} products, ${set.eventCount} events, ${set.pairs.length} pairs (published: ${published.processRaw.pairs})`);
console.log(`fits took ${seconds.toFixed(2)} s (3 single-start fits + the default 5-start fit)\n`);
console.log("source                                              alpha1      beta1     alpha2      beta2          P     negLL   EB05>=2");
const row = (label: string, theta: MgpsHyperparameters, negLL: number | null, count: number | string) =>
  console.log(`${label.padEnd(48)} ${fmt(theta)} ${negLL === null ? "        -" : negLL.toFixed(4).padStart(9)} ${String(count).padStart(9)}`);
row("openEBGM published, full data (vignette 3)", published.fullDataFit.estimates, published.fullDataFit.negLL, "-");
row("openEBGM published, squashed (vignette 4)", published.squashedFit.estimates, null, published.ebScores.eb05AtLeast2);
row("  same θ, EB05 recomputed here", published.squashedFit.estimates, null, eb05Count(published.squashedFit.estimates));
perStart.forEach((fit: MgpsFit, i) => row(`ours, from vignette start ${i + 1}`, fit.hyperparameters, fit.negLogLikelihood, eb05Count(fit.hyperparameters)));
row("ours, default 5 openEBGM starts", defaultFit.hyperparameters, defaultFit.negLogLikelihood, eb05Count(defaultFit.hyperparameters));
row("R nlminb, openEBGM's 5 starts (best)", toTheta(rReference.bestNlminbTheta.theta), rReference.bestNlminbTheta.negLL, rReference.bestNlminbTheta.eb05AtLeast2);
row(`R nlminb, ${rReference.randomMultiStart.starts} random starts (best)`, toTheta(rReference.randomMultiStart.theta), rReference.randomMultiStart.negLL, rReference.randomMultiStart.eb05AtLeast2);
console.log(`\nR random multi-start: ${rReference.randomMultiStart["within0.001OfBest"]} of ${rReference.randomMultiStart.starts} starts reach the best negLL, ${rReference.randomMultiStart["within0.001OfOpenEbgm"]} stop at openEBGM's.`);
console.log(`published source: ${published.source}`);
