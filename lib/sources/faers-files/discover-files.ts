import { readdir, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import path from "node:path";
import { FaersFileError } from "./errors";
import { isDeleteListFileName, tableFromFileName, type FaersTable } from "./header";

/** The files of one quarter. Paths may be plain or gzip-compressed text. */
export interface FaersQuarterFiles {
  /** Quarter label; default from the DEMO file name (DEMO17Q2.txt → "2017Q2"). */
  label?: string;
  demo: string;
  drug?: string;
  reac?: string;
  outc?: string;
  rpsr?: string;
  ther?: string;
  indi?: string;
  /** FDA deleted-cases lists (DELETE22Q4.txt). */
  deleted?: string[];
}

/** A directory holding one quarter (searched two levels deep, as FDA's ASCII/ and Deleted/ folders), or explicit files. */
export type FaersQuarterInput = string | FaersQuarterFiles;

const TABLE_KEYS: Readonly<Record<FaersTable, keyof FaersQuarterFiles>> = {
  DEMO: "demo",
  DRUG: "drug",
  REAC: "reac",
  OUTC: "outc",
  RPSR: "rpsr",
  THER: "ther",
  INDI: "indi",
};

/** Path of `table` in a quarter's files, if any. */
export function tablePath(files: FaersQuarterFiles, table: FaersTable): string | undefined {
  const value = files[TABLE_KEYS[table]];
  return typeof value === "string" ? value : undefined;
}

/** "2017Q2" from a name such as DEMO17Q2.txt or faers_ascii_2017q2, else null. */
export function quarterLabelFromName(name: string): string | null {
  const base = path.basename(name);
  const long = /(20\d{2})q([1-4])/i.exec(base);
  if (long) return `${long[1]}Q${long[2]}`;
  const short = /(\d{2})q([1-4])/i.exec(base);
  return short ? `20${short[1]}Q${short[2]}` : null;
}

const TEXT_FILE = /\.(txt|dat)(\.gz)?$/i;

/** A directory entry's kind, following a symbolic link to what it points at (a dangling link is neither). */
export async function entryKind(dir: string, entry: Dirent): Promise<"directory" | "file" | "other"> {
  if (entry.isSymbolicLink()) {
    const target = await stat(path.join(dir, entry.name)).catch(() => null);
    return target?.isDirectory() ? "directory" : target?.isFile() ? "file" : "other";
  }
  return entry.isDirectory() ? "directory" : entry.isFile() ? "file" : "other";
}

async function listFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const kind = await entryKind(dir, entry);
    if (kind === "directory" && depth > 0) found.push(...(await listFiles(full, depth - 1)));
    else if (kind === "file" && TEXT_FILE.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/**
 * Finds a quarter's table files in a directory (FDA zip layout: ASCII/DEMO22Q4.txt …,
 * Deleted/DELETE22Q4.txt). Two files for one table, or no DEMO file, is an error.
 */
export async function discoverQuarterFiles(dir: string): Promise<FaersQuarterFiles> {
  const files = await listFiles(dir, 2);
  const result: FaersQuarterFiles = { demo: "", deleted: [] };
  for (const file of files) {
    const name = path.basename(file);
    if (isDeleteListFileName(name)) {
      result.deleted?.push(file);
      continue;
    }
    const table = tableFromFileName(name);
    if (table === null) continue;
    const key = TABLE_KEYS[table];
    const existing = result[key];
    if (typeof existing === "string" && existing !== "") {
      throw new FaersFileError(path.basename(dir), 0, `two ${table} files in one quarter: ${path.basename(existing)} and ${name}`);
    }
    (result as unknown as Record<string, string>)[key] = file;
  }
  if (result.demo === "") throw new FaersFileError(path.basename(dir), 0, "no DEMO file (DEMOyyQn.txt) found in the quarter directory");
  result.label = quarterLabelFromName(result.demo) ?? path.basename(dir);
  return result;
}
