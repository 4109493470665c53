// Issue #9 (Low): requests Next cannot route. A broken percent-encoding in a page or API path gets the
// one error body and the hardening headers (proxy.ts) instead of a bare
// text/plain 500. (TRACE cannot be answered by the app: Next fails before any app code; README, Deploy.)
import { expect, test } from "@playwright/test";
import { APP_ORIGIN } from "./auth";

for (const path of ["/products/drug/%ZZ", "/products/device/abc%E0%A4%A", "/%ZZ", "/api/%ZZ", "/api/admin/users/%ZZ"]) {
  test(`${path} → 400 invalid_input with the hardening headers`, async () => {
    const response = await fetch(`${APP_ORIGIN}${path}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("strict-transport-security")).not.toBeNull();
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toMatch(/percent-encoding/);
  });
}
