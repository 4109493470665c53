import { randomBytes } from "node:crypto";

/**
 * `<ms since epoch, base36, 10 chars>-<16 random hex>`: unique without coordination, and sorting ids as
 * strings sorts them by time (the fixed width keeps string order equal to numeric order).
 */
export function newAuditId(at: Date): string {
  return `${at.getTime().toString(36).padStart(10, "0")}-${randomBytes(8).toString("hex")}`;
}
