import { AppError } from "@/lib/errors/app-error";

// The cursor is the list index to resume scanning from (downwards). The log only grows at the tail, so an
// index keeps naming the same entry forever. Opaque to callers: base64url of a versioned string.
const PREFIX = "a1:";

export function encodeAuditCursor(index: number): string {
  return Buffer.from(`${PREFIX}${index}`, "utf8").toString("base64url");
}

/** The index the cursor names; an `invalid_input` AppError when it is not one this module made. */
export function decodeAuditCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : "";
  const index = /^\d{1,15}$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(index)) {
    throw new AppError({ code: "invalid_input", message: "cursor must be a value returned as nextCursor" });
  }
  return index;
}
