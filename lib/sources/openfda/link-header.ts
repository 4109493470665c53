/**
 * The `search_after` cursor from openFDA's `Link: <…>; rel="next"` header. Only the cursor value is
 * taken: the URL itself comes from upstream and is never followed as given.
 */
export function parseNextSearchAfter(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (!match?.[1]) continue;
    try {
      const next = new URL(match[1], "https://api.fda.gov");
      return next.searchParams.get("search_after");
    } catch {
      return null;
    }
  }
  return null;
}

// Cursor values look like `0=1700000000000;1=12345678` (sort value; id). Anything else is refused.
const SEARCH_AFTER_PATTERN = /^[0-9]+=[A-Za-z0-9._:-]{1,100}(;[0-9]+=[A-Za-z0-9._:-]{1,100}){0,4}$/;

export function isValidSearchAfter(value: string): boolean {
  return value.length <= 600 && SEARCH_AFTER_PATTERN.test(value);
}
