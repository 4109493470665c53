// The sign-in settings the issue fixes: JWT sessions, 12 h cookie, __Host- secure cookie, the secret
// list from env, and the OpenID Connect provider only when all three OIDC variables are set.
import { afterEach, beforeEach, expect, test } from "vitest";
import { authConfig } from "@/lib/auth/next-auth";
import { resetAuthSecretsForTests } from "@/lib/auth/secret";
import { resetEnvForTests } from "@/lib/env";

const saved = { ...process.env };

beforeEach(() => {
  process.env.AUTH_SECRET = "new-secret-0123456789abcdef0123456789,old-secret-0123456789abcdef0123456789";
  resetEnvForTests();
  resetAuthSecretsForTests();
});

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  resetAuthSecretsForTests();
});

test("JWT sessions of 12 h in a __Host- cookie (Secure, HttpOnly, SameSite=Lax, Path=/, no Domain)", () => {
  const config = authConfig();
  expect(config.session).toEqual({ strategy: "jwt", maxAge: 12 * 60 * 60 });
  expect(config.useSecureCookies).toBe(true);
  const cookie = config.cookies?.sessionToken;
  expect(cookie?.name).toBe("__Host-authjs.session-token");
  expect(cookie?.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
  expect(cookie?.options).not.toHaveProperty("domain");
  expect(config.pages).toEqual({ signIn: "/signin", error: "/signin" });
});

test("the secret list comes from AUTH_SECRET, newest first (rotation)", () => {
  expect(authConfig().secret).toEqual(["new-secret-0123456789abcdef0123456789", "old-secret-0123456789abcdef0123456789"]);
});

test("NEXTAUTH_SECRET is read when AUTH_SECRET is unset", () => {
  delete process.env.AUTH_SECRET;
  process.env.NEXTAUTH_SECRET = "legacy-secret-0123456789abcdef0123456789";
  resetEnvForTests();
  resetAuthSecretsForTests();
  expect(authConfig().secret).toEqual(["legacy-secret-0123456789abcdef0123456789"]);
});

function providerIds(): string[] {
  return (authConfig().providers ?? []).map((p) => (typeof p === "function" ? p().id : p.id));
}

test("credentials only, unless all three OIDC variables are set", () => {
  expect(providerIds()).toEqual(["credentials"]);
  process.env.OIDC_ISSUER = "https://id.example.com";
  process.env.OIDC_CLIENT_ID = "cer";
  process.env.OIDC_CLIENT_SECRET = "s3cret";
  resetEnvForTests();
  expect(providerIds()).toEqual(["credentials", "oidc"]);
  const oidc = (authConfig().providers ?? []).find((p) => typeof p !== "function" && p.id === "oidc");
  expect(oidc).toMatchObject({ type: "oidc", issuer: "https://id.example.com", clientId: "cer", checks: ["pkce", "state", "nonce"] });
});

// Issue #9 (Low): an identity provider's email with lookalike or invisible characters signs no one in
// (so no user is created for it); a plain verified email still does.
test("OIDC sign-in refuses a profile email with mixed scripts or invisible characters", async () => {
  const signIn = authConfig().callbacks?.signIn;
  if (!signIn) throw new Error("no signIn callback");
  const attempt = (email: string) =>
    signIn({ user: { email }, account: { provider: "oidc", type: "oidc", providerAccountId: "x" }, profile: { email, email_verified: true } });
  expect(await attempt("ceo-check@ex\u0430mple.com")).toBe(false);
  expect(await attempt("ad\u200bmin@example.com")).toBe(false);
  expect(await attempt("analyst@example.com")).toBe(true);
});
