import { AppError } from "@/lib/errors/app-error";
import { isValidSearchAfter } from "@/lib/sources/openfda/link-header";

// Our page cursor wraps openFDA's search_after value. It is user input on the way back in, so it is
// decoded and checked against the cursor grammar before it can reach a query.

export function encodeCursor(searchAfter: string): string {
  return Buffer.from(searchAfter, "utf8").toString("base64url");
}

export function decodeCursorOrThrow(cursor: string): string {
  const invalid = () =>
    new AppError({ code: "invalid_input", message: "cursor is not valid; use the nextCursor value from the previous page", details: { parameter: "cursor" } });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isValidSearchAfter(decoded)) throw invalid();
  return decoded;
}
