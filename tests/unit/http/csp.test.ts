import { describe, expect, test } from "vitest";
import { API_CSP, buildPageCsp, generateNonce } from "@/lib/http/csp";

/** "a b; c d" → { a: ["b"], c: ["d"] } */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe("nonce", () => {
  test("is base64 of 16 random bytes and differs every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => generateNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("page CSP", () => {
  const nonce = generateNonce();
  const prod = directives(buildPageCsp(nonce, { dev: false }));

  test("scripts and styles need the nonce; scripts they load are trusted through 'strict-dynamic'", () => {
    expect(prod.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(prod.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
  });

  test("has no 'unsafe-inline' or 'unsafe-eval' anywhere in production", () => {
    const policy = buildPageCsp(nonce, { dev: false });
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  test("locks plugins, base URL, framing, form targets and connections", () => {
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("base-uri")).toEqual(["'none'"]);
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
    expect(prod.get("connect-src")).toEqual(["'self'"]);
    expect(prod.get("img-src")).toEqual(["'self'", "blob:", "data:"]);
    expect(prod.get("font-src")).toEqual(["'self'"]);
    expect(prod.has("upgrade-insecure-requests")).toBe(true);
  });

  test("two requests get two different nonces", () => {
    const a = buildPageCsp(generateNonce(), { dev: false });
    const b = buildPageCsp(generateNonce(), { dev: false });
    const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonceOf(a)).toBeDefined();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
  });

  test("next dev adds 'unsafe-eval', allows the dev overlay's inline styles, and leaves out upgrade-insecure-requests", () => {
    const dev = directives(buildPageCsp(nonce, { dev: true }));
    expect(dev.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    // No nonce beside 'unsafe-inline': with one, browsers ignore 'unsafe-inline'.
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.has("upgrade-insecure-requests")).toBe(false);
    expect(dev.get("object-src")).toEqual(["'none'"]);
    expect(dev.get("base-uri")).toEqual(["'none'"]);
    expect(dev.get("frame-ancestors")).toEqual(["'none'"]);
  });

  test("refuses a nonce that could inject directives", () => {
    expect(() => buildPageCsp("abc'; script-src *", { dev: false })).toThrow();
    expect(() => buildPageCsp("", { dev: false })).toThrow();
  });
});

test("API responses allow nothing and cannot be framed", () => {
  expect(directives(API_CSP)).toEqual(
    new Map([
      ["default-src", ["'none'"]],
      ["frame-ancestors", ["'none'"]],
    ]),
  );
});
