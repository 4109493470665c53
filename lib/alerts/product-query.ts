import "server-only";
import { reportProductSchema } from "@/lib/schemas/reports";

/** A stored (parsed) product as query-string values, checked again: the query schemas parse them as an API request's. */
export function productQuery(product: unknown): Record<string, string> {
  // Stored parsed (serious as a boolean); turn the values back into strings and parse again.
  const entries = Object.entries(product as Record<string, unknown>).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]));
  const strings = Object.fromEntries(entries) as Record<string, string>;
  reportProductSchema.parse(strings);
  return strings;
}
