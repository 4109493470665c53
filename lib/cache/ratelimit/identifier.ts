import { createHash } from "node:crypto";

/**
 * Emails and IPs never sit in store keys or logs in clear: keys carry a truncated sha256 (128 bits,
 * so distinct identifiers do not share a counter in practice).
 */
export function hashIdentifier(identifier: string): string {
  return createHash("sha256").update(identifier).digest("hex").slice(0, 32);
}
