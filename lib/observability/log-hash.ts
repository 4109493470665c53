import { createHash } from "node:crypto";

/** Log lines name users by a short hash: enough to correlate lines, never the id, email or token. */
export function hashForLog(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 12);
}
