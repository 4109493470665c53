// Secrets never enter the audit log. Two rules: a detail whose key names a secret is redacted whatever
// its value, and any value shaped like a credential is redacted whatever its key. The value checks run
// in linear time (no backtracking regex over caller text: a header-sized string must not cost seconds).

export const REDACTED = "[redacted]";

const SECRET_KEY = /pass|secret|token|authori[sz]ation|cookie|api[_-]?key|credential|private[_-]?key/i;
/** Runs of base64url characters and dots: where compact JWS/JWE tokens live. */
const DOTTED_WORDS = /[A-Za-z0-9_.-]+/g;
/** An Authorization header value (anchored, so it cannot backtrack across the string). */
const AUTH_SCHEME = /^\s*(?:bearer|basic)\s+\S/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A JWS/JWE in compact form: three or more dot-separated segments whose first is base64url JSON (so it
 * starts with "eyJ", i.e. '{"'); or any three consecutive segments long enough to be a signed token
 * (hostnames and version numbers have shorter labels).
 */
function isTokenShaped(word: string): boolean {
  const segments = word.split(".");
  if (segments.length < 3) return false;
  for (let i = 0; i + 2 < segments.length; i++) {
    const [a = "", b = "", c = ""] = [segments[i], segments[i + 1], segments[i + 2]];
    if (a.startsWith("eyJ") && a.length >= 13) return true;
    if (a.length >= 16 && b.length >= 16 && c.length >= 16) return true;
  }
  return false;
}

export function looksLikeSecret(value: string): boolean {
  if (value.toLowerCase().includes("cer_pat_")) return true;
  if (AUTH_SCHEME.test(value)) return true;
  for (const [word] of value.matchAll(DOTTED_WORDS)) if (isTokenShaped(word)) return true;
  return false;
}

/** The value, or REDACTED when it is shaped like a credential. */
export function redactSecretValue(value: string): string {
  return looksLikeSecret(value) ? REDACTED : value;
}
