// Hardening headers for every response: pages, the API, 404 and error pages, and static files
// (reliability.md §1.3, §6). The Content-Security-Policy is not here: it carries a per-request nonce,
// so proxy.ts sets it. This file stays self-contained: the container image copies it alone.

/**
 * Browser features the app never uses, turned off for it and for anything it might embed. Only features
 * Chromium recognises: an unknown one (e.g. the retired `interest-cohort`) makes it log an error on
 * every page. `browsing-topics` is FLoC's successor and opts out of the Topics API.
 */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "idle-detection=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** @type {{ key: string; value: string }[]} */
export const SECURITY_HEADERS = [
  // Two years, subdomains included; browsers ignore it over plain http (localhost dev and tests).
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // No other site may embed our responses as no-cors subresources (<img>, <script>); CORS fetches from
  // the CORS_ORIGINS allow-list are not affected.
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  // For browsers without CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a second build/test run beside the default one (e.g. NEXT_DIST_DIR=.next-h1).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // One build for everything: `npm start`, the tests and the container image all run the standalone
  // server (.next/standalone/server.js); scripts/lib/standalone.mjs starts it, ensure-build copies the
  // static files and public/ beside it.
  output: "standalone",
  // Read at run time by path, so the tracer cannot see them: the DejaVu fonts of the CER PDF
  // (public/fonts, resolved from the server's cwd; public/ is copied whole too, this keeps the fonts
  // there even where only the traced files are shipped).
  outputFileTracingIncludes: { "/**": ["./public/fonts/**"] },
  poweredByHeader: false,
  reactStrictMode: true,
  // Keep `next dev` from writing agent files into the repo (stack.md P23).
  agentRules: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // JSON needs no scripts; pages get their nonce CSP from proxy.ts instead.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
