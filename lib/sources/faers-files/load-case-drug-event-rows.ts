import { createCaseDrugEventTablesBuilder, type CaseDrugEventOptions, type CaseDrugEventRow, type CaseDrugEventTables } from "./case-drug-event-tables";
import { parseCsvLine } from "./csv-line";
import { FaersFileError } from "./errors";
import { displayName, readLineBatches } from "./read-lines";

// Streaming loader for flat case × drug × event CSV files such as pvLRT's faers22q3raw.csv.gz
// (header "CASEID","DRUG","AE"; one row per case × primary-suspect drug × PT of FAERS 2022Q3, drug
// names verbatim, PTs in Title Case). Suspect = PS only is a property of that file, not of the loader.

const ID_COLUMNS = ["caseid", "primaryid", "id", "isr"];
const DRUG_COLUMNS = ["drug", "drugname"];
const EVENT_COLUMNS = ["ae", "pt", "event"];

function findColumn(names: readonly string[], candidates: readonly string[]): number {
  return names.findIndex((name) => candidates.includes(name));
}

/**
 * Batches of rows of a case/drug/event CSV (plain or gzip), streamed line by line. The header must name
 * an id column (CASEID, PRIMARYID, ID or ISR), a drug column (DRUG, DRUGNAME) and an event column (AE,
 * PT, EVENT), in any order, case-insensitive. A row with the wrong number of fields or a broken quote is
 * a FaersFileError naming the file and line. Blank lines are skipped.
 */
export async function* loadCaseDrugEventRowBatches(filePath: string, options: { name?: string } = {}): AsyncGenerator<CaseDrugEventRow[]> {
  const file = options.name ?? displayName(filePath);
  let columns: { id: number; drug: number; event: number; width: number } | null = null;
  for await (const { lines, firstLine } of readLineBatches(filePath)) {
    const batch: CaseDrugEventRow[] = [];
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? "";
      if (line.trim() === "") continue;
      const lineNumber = firstLine + i;
      const fields = parseCsvLine(line, file, lineNumber);
      if (columns === null) {
        const names = fields.map((name) => name.trim().toLowerCase());
        const id = findColumn(names, ID_COLUMNS);
        const drug = findColumn(names, DRUG_COLUMNS);
        const event = findColumn(names, EVENT_COLUMNS);
        if (id < 0 || drug < 0 || event < 0) {
          throw new FaersFileError(file, lineNumber, `header must name an id, a drug and an event column (e.g. "CASEID","DRUG","AE"), found ${names.join(", ")}`);
        }
        columns = { id, drug, event, width: fields.length };
        continue;
      }
      if (fields.length !== columns.width) {
        throw new FaersFileError(file, lineNumber, `expected ${columns.width} CSV fields, found ${fields.length}`);
      }
      batch.push({ id: (fields[columns.id] ?? "").trim(), drug: fields[columns.drug] ?? "", event: fields[columns.event] ?? "" });
    }
    if (batch.length > 0) yield batch;
  }
  if (columns === null) throw new FaersFileError(file, 1, "file is empty: no header line");
}

/** Rows of a case/drug/event CSV one by one (see loadCaseDrugEventRowBatches). */
export async function* loadCaseDrugEventRows(filePath: string, options: { name?: string } = {}): AsyncGenerator<CaseDrugEventRow> {
  for await (const batch of loadCaseDrugEventRowBatches(filePath, options)) yield* batch;
}

/** Streams the file into report-level drug/event tables (createCaseDrugEventTablesBuilder), batch by batch. */
export async function loadCaseDrugEventTables(filePath: string, options: CaseDrugEventOptions & { name?: string } = {}): Promise<CaseDrugEventTables> {
  const builder = createCaseDrugEventTablesBuilder(options);
  for await (const batch of loadCaseDrugEventRowBatches(filePath, { name: options.name })) {
    for (const row of batch) builder.add(row.id, row.drug, row.event);
  }
  return builder.build();
}
