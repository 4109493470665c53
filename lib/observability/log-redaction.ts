// The value-level guard of every log line: pino's `redact` paths (lib/observability/logger.ts) catch
// secrets at known places, this catches them anywhere in a nested field: by key name, and by what a
// string looks like (an email address, a bearer or basic credential, a token of ours, a JWT).

export const REDACTED = "[redacted]";

/** Keys whose values are never logged, at any depth. `key` alone or as a suffix, but not e.g. runKey. */
const SENSITIVE_KEY = /cookie|authori[sz]ation|token|passw(?:or)?d|secret|e-?mail|api[_-]?key|access[_-]?key|private[_-]?key|^key$|[_-]key$/i;

const SENSITIVE_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\bcer_pat_[A-Za-z0-9_-]+/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/([?&](?:api_key|apikey|token|access_token)=)[^&\s]+/gi, `$1${REDACTED}`],
  // user@host.tld and user@localhost alike; a domain must start with a letter, so "pkg@4.9.0" stays.
  [/[A-Za-z0-9._%+-]+@[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*/g, REDACTED],
];

const MAX_DEPTH = 8;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SENSITIVE_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of `value` fit for a log line; the input is never changed. */
export function scrubForLog(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (value instanceof Error) {
    return scrubForLog({ type: value.name, message: value.message, stack: value.stack }, depth + 1, seen);
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return scrubText(value.href);
  if (value instanceof Headers) return scrubForLog(Object.fromEntries(value.entries()), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => scrubForLog(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) && item !== undefined && item !== null ? REDACTED : scrubForLog(item, depth + 1, seen);
  }
  return out;
}
