// Browser-safe: an action's or API's validation message ("path: message; path: message", as
// lib/errors/zod-issues.ts writes it) split by field, so a form shows each one next to its field.

export type FieldErrors = { fields: Record<string, string>; other: string[] };

export function splitFieldErrors(message: string, known: readonly string[]): FieldErrors {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const part of message.split("; ")) {
    const match = /^([A-Za-z0-9_.[\]]+): (.+)$/.exec(part);
    const path = match?.[1];
    const field = path ? known.find((k) => path === k || path.startsWith(`${k}.`)) : undefined;
    if (match && field) fields[field] = fields[field] ? `${fields[field]}; ${match[2]}` : (match[2] ?? part);
    else other.push(part);
  }
  return { fields, other };
}
