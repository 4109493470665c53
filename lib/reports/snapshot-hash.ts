import { createHash } from "node:crypto";
import { stableStringify } from "@/lib/cache/keys";
import type { ReportSnapshot } from "@/lib/reports/snapshot";

// The stored form of a snapshot and the SHA-256 printed in the report's appendix. Canonical JSON is
// stableStringify (object keys sorted by UTF-16 code units, undefined fields left out, no spaces),
// after a check that every number is finite: JSON would silently write NaN and ±Infinity as null, so
// the hash would no longer say what was computed. -0 needs nothing: JSON writes it as 0.

/** Throws on NaN or ±Infinity anywhere in the value, naming the path. */
function assertFiniteNumbers(value: unknown, path: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`snapshot holds a non-finite number (${String(value)}) at ${path}`);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertFiniteNumbers(item, `${path}[${i}]`));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) assertFiniteNumbers(item, `${path}.${key}`);
}

/** Canonical JSON of a snapshot: sorted keys, -0 as 0; NaN and Infinity are refused. */
export function canonicalSnapshot(snapshot: ReportSnapshot): string {
  assertFiniteNumbers(snapshot, "snapshot");
  return stableStringify(snapshot);
}

/** The canonical JSON, its SHA-256 (hex) and its size in UTF-8 bytes. */
export function hashSnapshot(snapshot: ReportSnapshot): { json: string; sha256: string; bytes: number } {
  const json = canonicalSnapshot(snapshot);
  return { json, sha256: createHash("sha256").update(json, "utf8").digest("hex"), bytes: Buffer.byteLength(json, "utf8") };
}
