import type { z } from "zod";

/** A stored JSON record checked against its schema; anything unreadable counts as absent, never a 500. */
export function parseStoredRecord<S extends z.ZodType>(schema: S, raw: string | null): z.infer<S> | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}
