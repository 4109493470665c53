import "server-only";
import { getEnv } from "@/lib/env";
import { FaersDataDirError, findQuarterFolders, getFaersFilesDeps } from "@/lib/pipeline/faers-files/deps";

/**
 * With FAERS_DATA_DIR set: a folder that is missing, unreadable or holds no quarter stops the server
 * at boot with a message naming the variable and the folder, like any other bad setting. A usable one
 * starts the import now, so the first request does not pay for it.
 */
export async function checkFaersDataDirAtBoot(): Promise<void> {
  const dir = getEnv().FAERS_DATA_DIR;
  if (dir === undefined) return;
  let quarters;
  try {
    quarters = await findQuarterFolders(dir);
  } catch (error) {
    const reason = error instanceof FaersDataDirError ? error.message : `FAERS_DATA_DIR: the folder ${dir} cannot be used (${error instanceof Error ? error.message : String(error)})`;
    console.error(`[cer-analytics] ${reason}`);
    process.exit(1);
  }
  // A malformed file fails the import, not the boot: requests then say which file and line (503).
  getFaersFilesDeps(quarters).catch(() => undefined);
}
