// Same-origin rule for server actions, shared by proxy.ts (answers 403 before Next runs anything) and the
// action client (defence in depth). No imports: the proxy and the unit tests use it as is.
//
// Next's own check lets a POST with no Origin run the action, answers a foreign or `null` one with a 500,
// and compares Origin with X-Forwarded-Host when that is present, which any client can send (stack.md
// P27/P28). Here the expected origin is the configured public URL (AUTH_URL), else the Host header.

export type ExpectedOrigin = {
  /** AUTH_URL: the app's public URL; when set, Origin must equal its origin (scheme, host and port). */
  publicUrl: string | undefined;
  /** The request's Host header, used when no public URL is configured. Never X-Forwarded-Host. */
  host: string | null;
};

export const ACTION_ORIGIN_MESSAGES = {
  missing: "A server action call needs this site's Origin header; browsers send it.",
  null: "Cross-origin server action refused: Origin null.",
  foreign: "Cross-origin server action refused: Origin is not this site.",
} as const;

function parseOrigin(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True when `origin` is this site's: AUTH_URL's origin when configured (scheme included), else the Host. */
export function isOwnOrigin(origin: string, expected: ExpectedOrigin): boolean {
  const given = parseOrigin(origin);
  if (given === null) return false;
  if (expected.publicUrl !== undefined) return given.origin === parseOrigin(expected.publicUrl)?.origin;
  return expected.host !== null && given.host === expected.host.toLowerCase();
}

/** Null when `origin` is this site's; otherwise the reason to refuse, for a 403 a person can read. */
export function actionOriginRefusal(origin: string | null, expected: ExpectedOrigin): string | null {
  if (origin === null || origin.trim() === "") return ACTION_ORIGIN_MESSAGES.missing;
  if (origin === "null") return ACTION_ORIGIN_MESSAGES.null;
  return isOwnOrigin(origin, expected) ? null : ACTION_ORIGIN_MESSAGES.foreign;
}
