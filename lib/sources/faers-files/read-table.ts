import { parseDeleteListLine } from "./delete-list";
import { FaersFileError } from "./errors";
import { parseFaersHeader, tableFromFileName, type FaersHeader, type FaersTable } from "./header";
import { displayName, readLineBatches, type LineStats } from "./read-lines";
import { createLineParser, type FaersRowMap } from "./rows";

// Streaming readers for the `$`-delimited quarterly tables and the DELETE lists. I/O lives here and in
// read-lines.ts; everything they call is pure.

export interface FaersTableStats extends LineStats {
  /** Data rows yielded. */
  rows: number;
  /** Blank lines after the header (skipped). */
  blankLines: number;
}

export interface FaersTableReader<T extends FaersTable> {
  /** Display name (base name) used in errors. */
  file: string;
  header: FaersHeader & { table: T };
  stats: FaersTableStats;
  /** Row batches in file order; every row is validated against the header (FaersFileError otherwise). Use batches() or rows(), once. */
  batches(): AsyncGenerator<FaersRowMap[T][]>;
  /** Rows one by one with their line number (convenient, slower than batches()). Use batches() or rows(), once. */
  rows(): AsyncGenerator<{ row: FaersRowMap[T]; line: number }>;
}

export interface OpenFaersTableOptions<T extends FaersTable> {
  /** The table the file must be; default: from the file name (DEMO…, DRUG…), else from the header. */
  table?: T;
  /** Name used in errors instead of the file's base name. */
  name?: string;
}

/**
 * Opens one table file (plain or gzip), reads its header and returns a reader for its rows.
 * The layout (FAERS 2012Q4+ or legacy AERS) is detected from the header; see parseFaersHeader.
 * Throws FaersFileError for an empty file or a bad header.
 */
export async function openFaersTable<T extends FaersTable = FaersTable>(
  filePath: string,
  options: OpenFaersTableOptions<T> = {},
): Promise<FaersTableReader<T>> {
  const file = options.name ?? displayName(filePath);
  const stats: FaersTableStats = { lines: 0, windows1252Lines: 0, rows: 0, blankLines: 0 };
  const source = readLineBatches(filePath, stats);

  // Find the header: the first non-blank line.
  let pending: string[] = [];
  let pendingFirstLine = 1;
  let header: FaersHeader | null = null;
  while (header === null) {
    const next = await source.next();
    if (next.done) {
      await source.return(undefined);
      throw new FaersFileError(file, Math.max(1, stats.lines), "file is empty: no header line");
    }
    const { lines, firstLine } = next.value;
    const offset = lines.findIndex((line) => line.trim() !== "");
    if (offset < 0) continue;
    header = parseFaersHeader(lines[offset] ?? "", file, {
      expectedTable: options.table ?? tableFromFileName(file),
      lineNumber: firstLine + offset,
    });
    pending = lines.slice(offset + 1);
    pendingFirstLine = firstLine + offset + 1;
  }
  const fixedHeader = header as FaersHeader & { table: T };
  const parseLine = createLineParser(fixedHeader, file);

  const parseBatch = (lines: readonly string[], firstLine: number): FaersRowMap[T][] => {
    const rows: FaersRowMap[T][] = [];
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? "";
      if (line.trim() === "") {
        stats.blankLines += 1;
        continue;
      }
      rows.push(parseLine(line, firstLine + i));
    }
    stats.rows += rows.length;
    return rows;
  };

  async function* lineBatches(): AsyncGenerator<{ lines: string[]; firstLine: number }> {
    try {
      const first = pending;
      pending = [];
      if (first.length > 0) yield { lines: first, firstLine: pendingFirstLine };
      for await (const batch of source) yield batch;
    } finally {
      await source.return(undefined);
    }
  }

  async function* batches(): AsyncGenerator<FaersRowMap[T][]> {
    for await (const { lines, firstLine } of lineBatches()) yield parseBatch(lines, firstLine);
  }

  async function* rows(): AsyncGenerator<{ row: FaersRowMap[T]; line: number }> {
    for await (const { lines, firstLine } of lineBatches()) {
      for (let i = 0; i < lines.length; i += 1) {
        const line = lines[i] ?? "";
        if (line.trim() === "") {
          stats.blankLines += 1;
          continue;
        }
        stats.rows += 1;
        yield { row: parseLine(line, firstLine + i), line: firstLine + i };
      }
    }
  }

  return { file, header: fixedHeader, stats, batches, rows };
}

/** Every row of one table file, in order (see openFaersTable). */
export async function* readFaersTable<T extends FaersTable>(
  filePath: string,
  options: OpenFaersTableOptions<T> = {},
): AsyncGenerator<FaersRowMap[T]> {
  const reader = await openFaersTable(filePath, options);
  for await (const batch of reader.batches()) yield* batch;
}

/** The caseids of an FDA deleted-cases list file, in file order (see parseDeleteListLine). */
export async function readDeletedCaseIds(
  filePath: string,
  options: { name?: string } = {},
): Promise<{ caseIds: string[]; stats: FaersTableStats }> {
  const file = options.name ?? displayName(filePath);
  const stats: FaersTableStats = { lines: 0, windows1252Lines: 0, rows: 0, blankLines: 0 };
  const caseIds: string[] = [];
  for await (const { lines, firstLine } of readLineBatches(filePath, stats)) {
    lines.forEach((line, i) => {
      const id = parseDeleteListLine(line, file, firstLine + i);
      if (id === null) stats.blankLines += 1;
      else caseIds.push(id);
    });
  }
  stats.rows = caseIds.length;
  return { caseIds, stats };
}
