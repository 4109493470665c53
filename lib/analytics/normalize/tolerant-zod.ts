import { z } from "zod";

// Building blocks for raw openFDA schemas that never reject a record because of one bad field:
// wrong types become `undefined` (or an empty list) instead of a parse error, and unknown keys are
// accepted and stripped. Only a value that is not an object at all fails an object schema.

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Copying into a plain object lets null-prototype objects through zod's plain-object check.
function toPlainObject(value: unknown): unknown {
  return isRecordLike(value) ? { ...value } : value;
}

function toText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // Some producers emit numbers where openFDA uses strings ("safetyreportversion": 2).
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A scalar text field: strings as given, finite numbers as decimal strings, anything else `undefined`.
 * `.optional()` is needed because zod 4 rejects an absent key unless the output may be undefined.
 */
export const rawText = z.unknown().transform(toText).optional();

/** A list of text values: a lone string counts as a one-item list; non-text items are skipped. */
export const rawTextList = z
  .unknown()
  .transform((value): string[] => {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    const texts: string[] = [];
    for (const item of items) {
      const text = toText(item);
      if (text !== undefined) texts.push(text);
    }
    return texts;
  })
  // An absent key must be defaulted, or zod 4 rejects it.
  .default(() => []);

/** A strict object schema over tolerant fields; accepts null-prototype objects. */
export function toleratedObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(toPlainObject, z.object(shape));
}

/** A nested object that is `undefined` when missing or not an object. */
export function rawObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return toleratedObject(shape).optional().catch(undefined);
}

/**
 * A list of objects. A lone object counts as a one-item list (XML-to-JSON converters emit that for
 * single elements). A non-object item becomes an empty item rather than vanishing, so the
 * normalizer's own rules (e.g. "no name → dropped") count it.
 */
export function rawList<Item extends z.ZodType>(item: Item) {
  return z
    .unknown()
    .transform((value): z.output<Item>[] => {
      const items: unknown[] = Array.isArray(value) ? value : isRecordLike(value) ? [value] : [];
      const parsed: z.output<Item>[] = [];
      for (const element of items) {
        const result = item.safeParse(element);
        if (result.success) {
          parsed.push(result.data);
          continue;
        }
        const empty = item.safeParse({});
        if (empty.success) parsed.push(empty.data);
      }
      return parsed;
    })
    .default(() => []);
}
