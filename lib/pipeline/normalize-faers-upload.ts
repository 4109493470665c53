import "server-only";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { createFaersFileSource, FaersFileError, importFaersQuarters } from "@/lib/sources/faers-files";

const MAX_REPORTS_RETURNED = 5000;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

/**
 * FAERS/AERS ASCII files posted as multipart form data → normalized CaseReports and the data-quality
 * report. The files are written to a private temp folder (the importer streams from files), imported as
 * one quarter, then deleted. A malformed file is a 400 naming the file and line.
 */
export async function normalizeFaersUpload(form: FormData) {
  const files = [...form.values()].filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
  if (files.length === 0) {
    throw new AppError({ code: "invalid_input", message: "Attach the quarter's ASCII files (at least DEMO; also DRUG, REAC, OUTC, … and DELETE) as form-data file fields." });
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "cer-faers-"));
  try {
    for (const file of files) {
      // Only the base name is kept, and only a plain one: no paths from the client reach the disk.
      const name = path.basename(file.name || "");
      if (!SAFE_NAME.test(name)) {
        throw new AppError({ code: "invalid_input", message: `File name "${name.slice(0, 80)}" is not allowed; use names like DEMO22Q4.txt.` });
      }
      await writeFile(path.join(dir, name), new Uint8Array(await file.arrayBuffer()));
    }
    let dataset;
    try {
      dataset = await importFaersQuarters(dir);
    } catch (error) {
      if (error instanceof FaersFileError) {
        // Line 0 is about the set of files (no DEMO, two DEMOs), not a line in one of them.
        if (error.line === 0) throw new AppError({ code: "invalid_input", message: `The uploaded files: ${error.detail}` });
        throw new AppError({ code: "invalid_input", message: error.message, details: error.toJSON() });
      }
      throw error;
    }
    const source = createFaersFileSource(dataset);
    const page = source.cases({ limit: MAX_REPORTS_RETURNED });
    return {
      kind: "drug" as const,
      source: "FAERS quarterly ASCII files",
      files: dataset.files,
      totalReports: dataset.reports.length,
      reports: page.data,
      truncated: dataset.reports.length > MAX_REPORTS_RETURNED,
      quality: dataset.quality,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
