/** Exponential backoff with full jitter: a random wait in [0, base·2^attempt], capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 250, capMs = 4000): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
