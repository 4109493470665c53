import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The real public data lives beside the repo in ../shared/data (see its README). A CI clone may sit
// elsewhere, so SHARED_DATA_DIR overrides, and /work/shared/data is the machine's fixed location.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function sharedDataDir(): string {
  const candidates = [
    process.env.SHARED_DATA_DIR,
    path.resolve(repoRoot, "../shared/data"),
    "/work/shared/data",
  ].filter((c): c is string => typeof c === "string" && c.length > 0);
  const found = candidates.find((dir) => existsSync(path.join(dir, "README.md")));
  if (!found) {
    throw new Error(`Real test data not found; set SHARED_DATA_DIR (tried ${candidates.join(", ")})`);
  }
  return found;
}

export function sharedDataPath(...parts: string[]): string {
  return path.join(sharedDataDir(), ...parts);
}
