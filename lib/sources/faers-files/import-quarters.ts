import type { FaersDataset, FaersFileInfo, FaersQuarterInfo } from "./dataset";
import { discoverQuarterFiles, quarterLabelFromName, tablePath, type FaersQuarterFiles, type FaersQuarterInput } from "./discover-files";
import { FaersFileError } from "./errors";
import { FAERS_TABLES, type FaersTable } from "./header";
import { createFaersImportBuilder, type FaersImportBuilder } from "./import-builder";
import { openFaersTable, readDeletedCaseIds, type FaersTableReader } from "./read-table";
import type { FaersRowMap } from "./rows";
import { createFaersFileSource, type FaersDateField, type FaersFileSource } from "./source";

export interface ImportFaersOptions {
  /** Tables to read besides DEMO (default: every one found). */
  tables?: readonly FaersTable[];
  /** Extra deleted case ids, applied like a DELETE file. */
  deletedCaseIds?: Iterable<string>;
}

const ROW_TABLES = FAERS_TABLES.filter((t): t is Exclude<FaersTable, "DEMO"> => t !== "DEMO");

/** The builder method that takes rows of `table`. Builder methods do not use `this`. */
function rowAdder(builder: FaersImportBuilder, table: Exclude<FaersTable, "DEMO">): (row: FaersRowMap[FaersTable]) => void {
  const adders: { [T in Exclude<FaersTable, "DEMO">]: (row: FaersRowMap[T]) => void } = {
    DRUG: builder.addDrug,
    REAC: builder.addReac,
    OUTC: builder.addOutc,
    RPSR: builder.addRpsr,
    THER: builder.addTher,
    INDI: builder.addIndi,
  };
  return adders[table] as (row: FaersRowMap[FaersTable]) => void;
}

function fileInfo(reader: FaersTableReader<FaersTable>, quarter: string): FaersFileInfo {
  return {
    file: reader.file,
    table: reader.header.table,
    layout: reader.header.layout,
    quarter,
    lines: reader.stats.lines,
    rows: reader.stats.rows,
    blankLines: reader.stats.blankLines,
    windows1252Lines: reader.stats.windows1252Lines,
  };
}

/**
 * Streams one or more quarters of FAERS (2012Q4+) or legacy AERS ASCII files into a FaersDataset:
 * 1. every DELETE list (and `deletedCaseIds`); 2. every DEMO file — one candidate per case, the newest
 * version wins; 3. DRUG, REAC, OUTC, RPSR, INDI, THER rows attached to the winners by primaryid.
 * Files are read line by line (plain or gzip; UTF-8 or Windows-1252/latin1; LF or CRLF). Memory holds
 * one compact record per kept report plus interned names, never a whole file.
 * Throws FaersFileError (file + line) on the first malformed line, bad header or layout mix-up.
 */
export async function importFaersQuarters(
  inputs: FaersQuarterInput | readonly FaersQuarterInput[],
  options: ImportFaersOptions = {},
): Promise<FaersDataset> {
  const list = (Array.isArray(inputs) ? inputs : [inputs]) as readonly FaersQuarterInput[];
  const quarters: FaersQuarterFiles[] = [];
  for (const input of list) quarters.push(typeof input === "string" ? await discoverQuarterFiles(input) : input);
  const wanted = new Set(options.tables ?? ROW_TABLES);
  const builder = createFaersImportBuilder();
  const files: FaersFileInfo[] = [];

  for (const id of options.deletedCaseIds ?? []) builder.addDeletedCaseId(id);
  for (const quarter of quarters) {
    const label = quarter.label ?? quarterLabelFromName(quarter.demo) ?? `quarter ${quarters.indexOf(quarter) + 1}`;
    for (const deletePath of quarter.deleted ?? []) {
      const { caseIds, stats } = await readDeletedCaseIds(deletePath);
      for (const id of caseIds) builder.addDeletedCaseId(id);
      files.push({
        file: deletePath.replace(/^.*[\\/]/, ""),
        table: "DELETE",
        layout: null,
        quarter: label,
        lines: stats.lines,
        rows: stats.rows,
        blankLines: stats.blankLines,
        windows1252Lines: stats.windows1252Lines,
      });
      builder.noteLines({ blank: 0, windows1252: stats.windows1252Lines });
    }
  }

  const infos: FaersQuarterInfo[] = [];
  for (const quarter of quarters) {
    const label = quarter.label ?? quarterLabelFromName(quarter.demo) ?? `quarter ${quarters.indexOf(quarter) + 1}`;
    const reader = await openFaersTable(quarter.demo, { table: "DEMO" });
    const info: FaersQuarterInfo = { label, layout: reader.header.layout, tables: ["DEMO"], deleteLists: quarter.deleted?.length ?? 0 };
    const index = builder.addQuarter(info);
    infos.push(info);
    const layout = reader.header.layout;
    for await (const batch of reader.batches()) for (const row of batch) builder.addDemo(row, layout, index);
    files.push(fileInfo(reader, label));
    builder.noteLines({ blank: reader.stats.blankLines, windows1252: reader.stats.windows1252Lines });
  }
  builder.endDemo();

  for (const [q, quarter] of quarters.entries()) {
    const info = infos[q] as FaersQuarterInfo;
    for (const table of ROW_TABLES) {
      const filePath = tablePath(quarter, table);
      if (filePath === undefined || !wanted.has(table)) continue;
      const reader = await openFaersTable(filePath, { table });
      if (reader.header.layout !== info.layout) {
        throw new FaersFileError(
          reader.file,
          1,
          `${table} is in the ${reader.header.layout === "faers" ? "FAERS" : "legacy AERS"} layout but the quarter's DEMO file is not`,
        );
      }
      const add = rowAdder(builder, table);
      for await (const batch of reader.batches()) for (const row of batch) add(row);
      info.tables.push(table);
      files.push(fileInfo(reader, info.label));
      builder.noteLines({ blank: reader.stats.blankLines, windows1252: reader.stats.windows1252Lines });
    }
  }
  return builder.finish(files);
}

/** importFaersQuarters, then createFaersFileSource over the result. */
export async function openFaersFileSource(
  inputs: FaersQuarterInput | readonly FaersQuarterInput[],
  options: ImportFaersOptions & { dateField?: FaersDateField } = {},
): Promise<FaersFileSource> {
  const dataset = await importFaersQuarters(inputs, options);
  return createFaersFileSource(dataset, { dateField: options.dateField });
}
