// Content-Security-Policy values (reliability.md §1.7). Pages get a per-request nonce + 'strict-dynamic'
// (Next's App Router emits inline bootstrap scripts, so an allow-list CSP cannot work); JSON needs none.
// No imports: proxy.ts and the unit tests use this as is.

/** 16 random bytes (128 bits), base64: unguessable, and new for every request. */
export function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PageCspOptions = {
  /**
   * `next dev`: React needs eval for its debugging aids, so script-src adds 'unsafe-eval'; and Next's
   * dev overlay injects `<style>` elements without the nonce (67 violations on /signin, measured), so
   * style-src is 'unsafe-inline' there, without the nonce (a nonce would make browsers ignore it).
   * Production is unaffected.
   */
  dev: boolean;
};

/**
 * The policy for HTML pages.
 *
 * - script-src: only scripts carrying the nonce (Next stamps it on its inline and chunk scripts after
 *   reading it from the request's CSP header); 'strict-dynamic' lets those load further chunks. 'self'
 *   is ignored by browsers that honour 'strict-dynamic' and only serves CSP2-era browsers.
 * - style-src: nonce-only, so no inline `style="…"` attribute and no injected `<style>` without the nonce.
 *   Stylesheets from our origin (Tailwind's CSS chunk) load through 'self'.
 * - base-uri 'none' (ASVS 3.4.3; the Next docs example has 'self').
 * - upgrade-insecure-requests: production only. Served over HTTPS it costs nothing and turns any stray
 *   http:// subresource into https://. Chromium does not upgrade requests to potentially trustworthy
 *   origins (http://localhost, 127.0.0.1), so plain-http `next start` on localhost keeps working there (the
 *   e2e suite loads and hydrates every page under it); Safari does upgrade localhost, which is why
 *   `next dev` leaves it out.
 */
export function buildPageCsp(nonce: string, { dev }: PageCspOptions): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) throw new Error("nonce must be base64");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (!dev) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** JSON answers load nothing and must never be framed or run as a document. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
