// A path whose percent-encoding cannot be decoded (`/products/drug/%ZZ`) makes Next's dynamic-segment
// decoding throw, which it answers with a bare text/plain 500. proxy.ts refuses such paths first with
// the one error body. No imports: the proxy and the unit tests use it as is.

/** True when some %-escape in the path is not valid (not two hex digits, or not UTF-8). */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export const MALFORMED_PATH_MESSAGE =
  "The address has a broken percent-encoding (a % not followed by two hex digits of valid UTF-8); encode % as %25.";
