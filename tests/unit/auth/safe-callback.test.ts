import { describe, expect, test } from "vitest";
import { interpretSignInAnswer, safeCallbackUrl, signInErrorMessage } from "@/lib/client/sign-in";

describe("safeCallbackUrl", () => {
  test.each([
    ["/", "/"],
    ["/account", "/account"],
    ["/products/drug/LETAIRIS?from=2014-02-01&to=2014-02-28#trend", "/products/drug/LETAIRIS?from=2014-02-01&to=2014-02-28#trend"],
    ["/products/drug/BONE%20CEMENT", "/products/drug/BONE%20CEMENT"],
    ["/products/drug/bone cement", "/products/drug/bone cement"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/a//b", "/a//b"],
  ])("keeps the same-site path %j", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  test.each([
    // Not a relative path
    "https://evil.example/",
    "http://localhost:3000/account",
    "javascript:alert(1)",
    "data:text/html,hi",
    "account",
    "./account",
    "?next=/",
    "#/account",
    // Protocol-relative, or read as such by browsers
    "//evil.example",
    "//evil.example/account",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    // Tabs and newlines are stripped by the URL parser: "/\t/evil" is "//evil"
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\u0000/account",
    "/account\u0000",
    "/a\\b",
    "",
  ])("falls back to / for %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });

  test("falls back to / without a value or with an absurdly long one", () => {
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(`/${"a".repeat(3000)}`)).toBe("/");
  });

  test("whatever it returns resolves to the page's own origin", () => {
    const origin = "http://localhost:3000";
    for (const raw of ["/account", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example", "/x?y=//z"]) {
      expect(new URL(safeCallbackUrl(raw), origin).origin).toBe(origin);
    }
  });
});

describe("interpretSignInAnswer", () => {
  test("next-auth's { url } without an error param is a signed-in session", () => {
    expect(interpretSignInAnswer(200, null, { url: "http://localhost:3000/account" })).toEqual({ ok: true });
  });

  test("an error param on the url is a failed sign-in; CredentialsSignin means wrong email or password", () => {
    expect(interpretSignInAnswer(200, null, { url: "http://localhost:3000/signin?error=CredentialsSignin&code=credentials" })).toEqual({
      ok: false,
      kind: "invalid",
      message: "Wrong email or password, or the account is disabled.",
    });
    expect(interpretSignInAnswer(200, null, { url: "http://localhost:3000/signin?error=MissingCSRF" })).toMatchObject({ ok: false, kind: "failed" });
  });

  test("429 says how long to wait, from Retry-After or else the error details", () => {
    const body = { error: { code: "rate_limited", message: "Too many sign-in attempts; try again in 41 s.", details: { retryAfterSeconds: 41 } } };
    expect(interpretSignInAnswer(429, "37", body)).toEqual({ ok: false, kind: "rate_limited", message: "Too many attempts; try again in 37 s." });
    expect(interpretSignInAnswer(429, null, body)).toEqual({ ok: false, kind: "rate_limited", message: "Too many attempts; try again in 41 s." });
    expect(interpretSignInAnswer(429, null, null)).toEqual({ ok: false, kind: "rate_limited", message: "Too many attempts; try again later." });
  });

  test("503 is 'unavailable'; other errors show the server's message", () => {
    expect(interpretSignInAnswer(503, "5", { error: { code: "service_unavailable", message: "x" } })).toMatchObject({
      ok: false,
      kind: "unavailable",
      message: expect.stringContaining("unavailable right now") as unknown,
    });
    expect(interpretSignInAnswer(403, null, { error: { code: "forbidden", message: "Cross-origin POST refused." } })).toEqual({
      ok: false,
      kind: "failed",
      message: "Cross-origin POST refused.",
    });
    expect(interpretSignInAnswer(500, null, "<html>")).toEqual({ ok: false, kind: "failed", message: "Sign-in failed (HTTP 500)." });
    expect(interpretSignInAnswer(200, null, { nope: true })).toMatchObject({ ok: false, kind: "failed" });
  });

  test("every error code gets a message, unknown ones a generic one", () => {
    expect(signInErrorMessage("OAuthCallbackError")).toContain("Single sign-on");
    expect(signInErrorMessage("SomethingNew")).toBe("Sign-in failed; please try again.");
  });
});
