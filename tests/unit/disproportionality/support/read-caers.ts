import { readFileSync } from "node:fs";
import type { ReportRow } from "@/lib/analytics/disproportionality";
import { sharedDataPath } from "@/tests/support/shared-data";
import { parseCsvLine } from "./parse-csv-line";

/** openEBGM's `caers` example (../shared/data/openebgm_caers/caers.csv) as report rows; strat1 = sex. */
export function readCaersRows(): ReportRow[] {
  const lines = readFileSync(sharedDataPath("openebgm_caers", "caers.csv"), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = parseCsvLine(lines[0] ?? "");
  const col = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`caers.csv has no column ${name}`);
    return at;
  };
  const [id, var1, var2, strat1] = [col("id"), col("var1"), col("var2"), col("strat1")];
  return lines.slice(1).map((line) => {
    const f = parseCsvLine(line);
    return { id: f[id] ?? "", drug: f[var1] ?? "", event: f[var2] ?? "", stratum: f[strat1] ?? "" };
  });
}
