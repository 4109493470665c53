import { SignJWT, EncryptJWT } from "jose";
import { describe, expect, test } from "vitest";
import { isSecretKey, looksLikeSecret, REDACTED, redactSecretValue } from "@/lib/audit/redact";

const key = new TextEncoder().encode("an-hmac-key-of-at-least-32-bytes!!");

describe("secret-looking detail keys", () => {
  test.each(["password", "newPassword", "passwd", "client_secret", "accessToken", "refresh_token", "Authorization", "cookie", "set-cookie", "apiKey", "api_key", "api-key", "credentials", "privateKey"])(
    "%s is a secret key",
    (name) => expect(isSecretKey(name)).toBe(true),
  );

  test.each(["role", "previousRole", "reportId", "format", "reason", "scope", "count"])("%s is not", (name) =>
    expect(isSecretKey(name)).toBe(false),
  );
});

describe("secret-looking values", () => {
  test("a real signed JWT, alone or inside text", async () => {
    const jwt = await new SignJWT({ sub: "u1", scope: "read" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(key);
    expect(jwt.split(".")).toHaveLength(3);
    expect(looksLikeSecret(jwt)).toBe(true);
    expect(looksLikeSecret(`token was ${jwt} (expired)`)).toBe(true);
    expect(redactSecretValue(jwt)).toBe(REDACTED);
  });

  test("a real encrypted JWT (five segments)", async () => {
    const jwe = await new EncryptJWT({ sub: "u1" }).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(new Uint8Array(32).fill(7));
    expect(jwe.split(".")).toHaveLength(5);
    expect(looksLikeSecret(jwe)).toBe(true);
  });

  test.each([
    ["a personal access token", `cer_pat_${"a1B2".repeat(8)}`],
    ["an Authorization header value", "Bearer abc.def"],
    ["basic auth", "Basic dXNlcjpwYXNz"],
    ["three long base64url segments without the JSON header", `${"A".repeat(20)}.${"b_-".repeat(8)}.${"c".repeat(43)}`],
  ])("%s", (_label, value) => {
    expect(looksLikeSecret(value)).toBe(true);
    expect(redactSecretValue(value)).toBe(REDACTED);
  });

  test.each(["viewer", "analyst → admin", "www.example.com", "16.4.6", "5.0.0-beta.32", "report-2026-05.pdf", "ada@example.org", "Mozilla/5.0 (X11; Linux x86_64)"])(
    "%s is kept",
    (value) => expect(redactSecretValue(value)).toBe(value),
  );

  test.each([
    ["one long base64url run", "a".repeat(1_000_000)],
    ["a run behind eyJ", `eyJ${"a".repeat(1_000_000)}`],
    ["many short dotted segments", "abcdefghijklmnop.".repeat(60_000)],
  ])("runs in linear time on hostile input: %s", (_label, value) => {
    const started = performance.now();
    looksLikeSecret(value);
    expect(performance.now() - started).toBeLessThan(250);
  });
});
