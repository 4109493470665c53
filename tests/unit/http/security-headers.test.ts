import { API_CSP } from "@/lib/http/csp";
import { expect, test } from "vitest";
import nextConfig, { SECURITY_HEADERS } from "@/next.config.mjs";

const byName = new Map(SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]));

test("next.config sends the hardening headers on every path", async () => {
  expect(nextConfig.poweredByHeader).toBe(false);
  const rules = await nextConfig.headers?.();
  expect(rules).toEqual([
    { source: "/:path*", headers: SECURITY_HEADERS },
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
  ]);
});

test("HSTS covers two years and subdomains", () => {
  const hsts = byName.get("strict-transport-security") ?? "";
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts).toContain("includeSubDomains");
});

test("no sniffing, a strict referrer, no opener or framing, no cross-origin embedding", () => {
  expect(byName.get("x-content-type-options")).toBe("nosniff");
  expect(byName.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(byName.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(byName.get("cross-origin-resource-policy")).toBe("same-origin");
  expect(byName.get("x-frame-options")).toBe("DENY");
  // The CSP carries a per-request nonce, so proxy.ts owns it; a static copy here would be a second policy.
  expect(byName.has("content-security-policy")).toBe(false);
});

test("Permissions-Policy turns off sensors, capture, payment and device access, and names no retired feature", () => {
  const policy = byName.get("permissions-policy") ?? "";
  const entries = new Map(policy.split(",").map((part) => part.trim().split("=") as [string, string]));
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "display-capture"]) {
    expect(entries.get(feature), feature).toBe("()");
  }
  for (const value of entries.values()) expect(value).toBe("()");
  // FLoC is gone; Chromium logs "Unrecognized feature: 'interest-cohort'" on every page that names it.
  expect(entries.has("interest-cohort")).toBe(false);
});
