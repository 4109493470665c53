import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { MgpsFit } from "@/lib/analytics/disproportionality";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import {
  discoverQuarterFiles,
  entryKind,
  FaersFileError,
  openFaersFileSource,
  type FaersFileSource,
  type FaersQuarterFiles,
} from "@/lib/sources/faers-files";

/** What the FAERS-file source needs: the imported files and facts about the import. Tests build their own. */
export interface FaersFilesDeps {
  source: FaersFileSource;
  /** ISO time the files were imported (provenance `retrievedAt`). */
  importedAt: string;
  /** Base names of the imported files, in import order (provenance `queries`). */
  files: string[];
  /** End date of the last imported quarter (from its label, else the newest fda_dt): the data cutoff. */
  dataCutoff: string | null;
  /** Fitted MGPS priors (or why the fit failed) per (filters, roles); the data is static, so they never expire. */
  mgpsPriors: Map<string, { fit: MgpsFit; pairs: number } | { error: string }>;
}

/** "2017Q2" → "2017-06-30"; null for any other label. */
export function quarterEndOf(label: string): string | null {
  const m = /^(\d{4})Q([1-4])$/.exec(label);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) * 3, 0)).toISOString().slice(0, 10);
}

export function createFaersFilesDeps(source: FaersFileSource, importedAt: string = new Date().toISOString()): FaersFilesDeps {
  const described = source.describe();
  const quarterEnds = described.quarters.map((q) => quarterEndOf(q.label)).filter((d): d is string => d !== null);
  const dataCutoff = quarterEnds.sort().at(-1) ?? described.dateRange.fda_dt.to;
  return { source, importedAt, files: described.files.map((f) => f.file), dataCutoff, mgpsPriors: new Map() };
}

const isNoDemo = (error: unknown) => error instanceof FaersFileError && error.detail.startsWith("no DEMO file");

/** FAERS_DATA_DIR cannot be used: the message names the variable and the folder. */
export class FaersDataDirError extends Error {
  constructor(dir: string, problem: string) {
    super(`FAERS_DATA_DIR: the folder ${dir} ${problem}`);
    this.name = "FaersDataDirError";
  }
}

const FS_PROBLEMS: Record<string, string> = {
  ENOENT: "does not exist",
  ENOTDIR: "is not a folder",
  EACCES: "is not readable by this process",
  EPERM: "is not readable by this process",
};

/**
 * The quarters under `dir`: every sub-folder (or symbolic link to one) holding a DEMO file, searched
 * two levels deep as FDA's ASCII/ and Deleted/ folders, oldest label first; or `dir` itself when it
 * is one quarter folder. A folder that is missing, unreadable or holds no quarter is a FaersDataDirError.
 */
export async function findQuarterFolders(dir: string): Promise<FaersQuarterFiles[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const problem = FS_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ""];
    if (problem) throw new FaersDataDirError(dir, problem);
    throw error;
  }
  const quarters: FaersQuarterFiles[] = [];
  for (const entry of entries.sort((x, y) => x.name.localeCompare(y.name))) {
    if ((await entryKind(dir, entry)) !== "directory") continue;
    try {
      quarters.push(await discoverQuarterFiles(path.join(dir, entry.name)));
    } catch (error) {
      if (!isNoDemo(error)) throw error;
    }
  }
  if (quarters.length === 0) {
    try {
      quarters.push(await discoverQuarterFiles(dir));
    } catch (error) {
      if (!isNoDemo(error)) throw error;
      throw new FaersDataDirError(dir, "holds no FAERS quarter folder with a DEMO file (DEMOyyQn.txt)");
    }
  }
  return quarters.sort((x, y) => (x.label ?? "").localeCompare(y.label ?? ""));
}

/** Imports every quarter under `dir` into one source (`found`: the quarters already looked up there). */
export async function importFaersDataDir(dir: string, found?: FaersQuarterFiles[]): Promise<FaersFilesDeps> {
  const started = performance.now();
  const quarters = found ?? (await findQuarterFolders(dir));
  const source = await openFaersFileSource(quarters);
  const deps = createFaersFilesDeps(source);
  logger.info("faers_files.imported", {
    quarters: quarters.map((q) => q.label),
    reports: source.dataset.reports.length,
    ms: Math.round(performance.now() - started),
  });
  return deps;
}

/** What a caller is told when the import failed: the file and line for a malformed file, never a server path. */
function importFailed(error: unknown): AppError {
  const reason = error instanceof FaersFileError ? error.message : "the files could not be read";
  return new AppError({
    code: "service_unavailable",
    message: `The FAERS files in FAERS_DATA_DIR could not be imported (${reason}); an operator must fix them and restart the server.`,
    cause: error,
  });
}

const globalForFaersFiles = globalThis as unknown as { cerFaersFilesDeps?: Promise<FaersFilesDeps> };

/**
 * The process-wide FAERS-file import of FAERS_DATA_DIR, started at boot and kept on globalThis (boot
 * and routes are separate module graphs); concurrent first callers share one import. Boot passes the
 * quarters it already found, so the folder is read once. A failed import
 * is forgotten, so a later request retries.
 */
export function getFaersFilesDeps(found?: FaersQuarterFiles[]): Promise<FaersFilesDeps> {
  const existing = globalForFaersFiles.cerFaersFilesDeps;
  if (existing) return existing;
  const dir = getEnv().FAERS_DATA_DIR;
  if (dir === undefined) return Promise.reject(new Error("FAERS_DATA_DIR is not set"));
  const loading = importFaersDataDir(dir, found).catch((error: unknown) => {
    if (globalForFaersFiles.cerFaersFilesDeps === loading) delete globalForFaersFiles.cerFaersFilesDeps;
    logger.error("faers_files.import_failed", { error: error instanceof Error ? error.message : String(error) });
    throw importFailed(error);
  });
  globalForFaersFiles.cerFaersFilesDeps = loading;
  return loading;
}
