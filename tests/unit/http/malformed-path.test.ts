import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { hasMalformedPercentEncoding } from "@/lib/http/malformed-path";
import { proxy } from "@/proxy";

// Issue #9 (Low): a broken percent-encoding in a path was a bare text/plain 500.

describe("hasMalformedPercentEncoding", () => {
  test.each([
    ["/products/drug/%ZZ", true],
    ["/api/%ZZ", true],
    ["/products/drug/50%", true],
    ["/products/drug/%E0%A4%A", true],
    ["/products/drug/%C0%AF", true],
    ["/products/drug/ASPIRIN", false],
    ["/products/drug/ACETAMINOPHEN%20500", false],
    ["/products/drug/%25", false],
    ["/products/drug/%C3%A9", false],
  ])("%s → %s", (path, malformed) => {
    expect(hasMalformedPercentEncoding(path)).toBe(malformed);
  });
});

test("the proxy answers a page path with a broken escape with a 400 error body", async () => {
  const response = proxy(new NextRequest("http://localhost:3000/products/drug/%ZZ"));
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_input");
});
