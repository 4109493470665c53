// FAERS file import speed: stream-load the real 2022Q3 pvLRT file (496,312 case × PS drug × PT rows,
// gzip CSV) into report-level drug/event indexes and compute every drug–event 2×2 table, next to a
// baseline measured in the same run (gunzip + count lines, nothing else). Each phase runs in its own
// child process so its peak RSS is its own. Target (the import + 2×2 part of "≤ 10 s and ≤ 2 GB"):
// load + 2×2 ≤ 10 s wall and ≤ 2 GB peak RSS.
//
// A second, secondary figure streams a FAERS ASCII quarter derived from the same rows (DEMO, DRUG with
// the PS drug, REAC; written to a temp dir before timing) through importFaersQuarters + drugEventTables.
// It is smaller than a real quarter's DRUG file (no concomitant drugs) and is labelled as derived.
//
//   npx tsx bench/faers-import.ts            all phases
//   BENCH_ROUNDS=3 npx tsx bench/faers-import.ts
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGunzip } from "node:zlib";
import {
  importFaersQuarters,
  createFaersFileSource,
  loadCaseDrugEventRows,
  loadCaseDrugEventTables,
  toTwoByTwoColumns,
} from "@/lib/sources/faers-files";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA = process.env.FAERS_BENCH_FILE ?? path.resolve(root, "../shared/data/pvlrt_faers/faers22q3raw.csv.gz");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_SECONDS = 10;
const TARGET_RSS_MB = 2048;

interface PhaseResult {
  phase: string;
  seconds: number;
  rows: number;
  peakRssMb: number;
  detail: Record<string, number | string>;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function baseline(): Promise<Omit<PhaseResult, "phase" | "peakRssMb">> {
  const start = performance.now();
  let newlines = 0;
  const stream = createReadStream(DATA, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 }));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(10);
    while (at >= 0) {
      newlines += 1;
      at = chunk.indexOf(10, at + 1);
    }
  }
  return { seconds: (performance.now() - start) / 1000, rows: newlines - 1, detail: {} };
}

async function importAndTwoByTwo(): Promise<Omit<PhaseResult, "phase" | "peakRssMb">> {
  const start = performance.now();
  const { tables, rows, reports } = await loadCaseDrugEventTables(DATA);
  const loaded = performance.now();
  const cells = toTwoByTwoColumns(tables);
  const end = performance.now();
  // Touch the result so nothing is optimized away, and report what was built.
  let signalsA3 = 0;
  for (let i = 0; i < tables.pairCount; i += 1) if ((cells.a[i] ?? 0) >= 3) signalsA3 += 1;
  return {
    seconds: (end - start) / 1000,
    rows,
    detail: {
      "load+index s": ((loaded - start) / 1000).toFixed(3),
      "all 2×2 s": ((end - loaded) / 1000).toFixed(3),
      reports,
      N: tables.n,
      drugs: tables.drugs.length,
      events: tables.events.length,
      pairs: tables.pairCount,
      "pairs a≥3": signalsA3,
    },
  };
}

/** Writes DEMO/DRUG/REAC files in the FAERS layout from the CSV rows (derived data, for the ASCII path). */
async function writeDerivedQuarter(dir: string): Promise<number> {
  const demo: string[] = ["primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country"];
  const drug: string[] = ["primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq"];
  const reac: string[] = ["primaryid$caseid$pt$drug_rec_act"];
  const drugsOf = new Map<string, Set<string>>();
  const eventsOf = new Map<string, Set<string>>();
  let rows = 0;
  for await (const row of loadCaseDrugEventRows(DATA)) {
    rows += 1;
    if (!drugsOf.has(row.id)) {
      drugsOf.set(row.id, new Set());
      eventsOf.set(row.id, new Set());
    }
    drugsOf.get(row.id)?.add(row.drug);
    eventsOf.get(row.id)?.add(row.event);
  }
  let day = 0;
  for (const [caseid, drugs] of drugsOf) {
    const primaryid = `${caseid}1`;
    const date = `202207${String((day++ % 28) + 1).padStart(2, "0")}`;
    demo.push(`${primaryid}$${caseid}$1$I$$$${date}$${date}$EXP$$$$$${40 + (day % 50)}$YR$$${day % 2 ? "F" : "M"}$Y$$$${date}$$MD$US$US`);
    let seq = 1;
    for (const name of drugs) drug.push(`${primaryid}$${caseid}$${seq++}$PS$${name}$$1$Oral$$$$$$$$$$$$`);
    for (const pt of eventsOf.get(caseid) ?? []) reac.push(`${primaryid}$${caseid}$${pt}$`);
  }
  writeFileSync(path.join(dir, "DEMO22Q3.txt"), `${demo.join("\n")}\n`);
  writeFileSync(path.join(dir, "DRUG22Q3.txt"), `${drug.join("\n")}\n`);
  writeFileSync(path.join(dir, "REAC22Q3.txt"), `${reac.join("\n")}\n`);
  return rows;
}

async function asciiImport(dir: string): Promise<Omit<PhaseResult, "phase" | "peakRssMb">> {
  const start = performance.now();
  const dataset = await importFaersQuarters(dir);
  const imported = performance.now();
  const source = createFaersFileSource(dataset);
  const tables = source.drugEventTables({ roles: "primary_suspect" });
  toTwoByTwoColumns(tables);
  const end = performance.now();
  const lines = dataset.files.reduce((sum, f) => sum + f.rows, 0);
  return {
    seconds: (end - start) / 1000,
    rows: lines,
    detail: {
      "import s": ((imported - start) / 1000).toFixed(3),
      "index+2×2 s": ((end - imported) / 1000).toFixed(3),
      reports: dataset.reports.length,
      N: tables.n,
      pairs: tables.pairCount,
    },
  };
}

async function runPhase(phase: string, arg: string | undefined): Promise<void> {
  const result = phase === "baseline" ? await baseline() : phase === "import" ? await importAndTwoByTwo() : await asciiImport(arg ?? "");
  process.stdout.write(`${JSON.stringify({ phase, ...result, peakRssMb: peakRssMb() })}\n`);
}

function child(phase: string, arg?: string): PhaseResult {
  const script = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [...process.execArgv, script, "--phase", phase, ...(arg ? [arg] : [])], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`phase ${phase} failed: ${out.stderr}`);
  const line = out.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as PhaseResult;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf("--phase");
  if (phaseIndex >= 0) {
    await runPhase(process.argv[phaseIndex + 1] ?? "", process.argv[phaseIndex + 2]);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "faers-bench-"));
  try {
    const derivedRows = await writeDerivedQuarter(dir);
    console.log(`file: ${path.relative(root, DATA)}  (derived ASCII quarter from ${derivedRows} rows in ${dir})`);
    console.log(`node ${process.version}, ${ROUNDS} interleaved rounds, each phase in a fresh child process\n`);
    const results: Record<string, PhaseResult[]> = { baseline: [], import: [], ascii: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      results.baseline?.push(child("baseline"));
      results.import?.push(child("import"));
      results.ascii?.push(child("ascii", dir));
    }
    const rowsOf = (r: PhaseResult[]) => r[0]?.rows ?? 0;
    const lines = [
      ["phase", "median wall s", "rows", "rows/s", "peak RSS MB (max)", "detail (last round)"],
      ...(["baseline", "import", "ascii"] as const).map((phase) => {
        const runs = results[phase] ?? [];
        const seconds = median(runs.map((r) => r.seconds));
        const rss = Math.max(...runs.map((r) => r.peakRssMb));
        const label = {
          baseline: "baseline: gunzip + count lines",
          import: "stream CSV → report-level indexes + all 2×2",
          ascii: "derived FAERS ASCII quarter → importFaersQuarters + 2×2 (PS)",
        }[phase];
        return [
          label,
          seconds.toFixed(3),
          String(rowsOf(runs)),
          Math.round(rowsOf(runs) / seconds).toLocaleString("en-US"),
          rss.toFixed(0),
          JSON.stringify(runs.at(-1)?.detail ?? {}),
        ];
      }),
    ];
    for (const line of lines) console.log(line.join(" | "));
    const main = results.import ?? [];
    const seconds = median(main.map((r) => r.seconds));
    const rss = Math.max(...main.map((r) => r.peakRssMb));
    const base = median((results.baseline ?? []).map((r) => r.seconds));
    console.log(
      `\nimport + 2×2: ${seconds.toFixed(2)} s (${(seconds / base).toFixed(1)}× the gunzip+count baseline), peak RSS ${rss.toFixed(0)} MB — target ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_RSS_MB} MB: ${seconds <= TARGET_SECONDS && rss <= TARGET_RSS_MB ? "MET" : "NOT MET"}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
