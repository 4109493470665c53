import { describe, expect, test } from "vitest";
import { auditSourceFrom } from "@/lib/audit/audit-source";

const request = (headers: Record<string, string>) => new Request("http://localhost/api/auth/token", { headers });

describe("auditSourceFrom", () => {
  test("without a trusted proxy, X-Forwarded-For is ignored: anyone can send it", () => {
    expect(auditSourceFrom(request({ "x-forwarded-for": "203.0.113.7" }), false).ip).toBe("unknown");
  });

  test.each([
    ["the first entry of the chain", "203.0.113.7, 10.0.0.1", "203.0.113.7"],
    ["IPv6", "2001:db8::1", "2001:db8::1"],
    ["bracketed IPv6 with a port", "[2001:db8::1]:443", "2001:db8::1"],
    ["IPv4 with a port", "198.51.100.4:51234", "198.51.100.4"],
    ["garbage", "evil<script>; admin=1", "unknown"],
    ["a hostname", "proxy.internal", "unknown"],
    ["an empty first entry", " , 203.0.113.7", "unknown"],
  ])("behind a trusted proxy: %s", (_label, header, ip) => {
    expect(auditSourceFrom(request({ "x-forwarded-for": header }), true).ip).toBe(ip);
  });

  test("behind a trusted proxy with no header: unknown", () => {
    expect(auditSourceFrom(request({}), true)).toEqual({ ip: "unknown" });
  });

  test("the user agent is one line of at most 200 characters", () => {
    const source = auditSourceFrom(request({ "user-agent": `curl/8.5\t${"x".repeat(400)}` }), false);
    expect(source.userAgent).toHaveLength(200);
    expect(source.userAgent?.startsWith("curl/8.5 x")).toBe(true);
  });
});
