// Where the auth secret comes from: env (with rotation), else a generated file kept across restarts.
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { getAuthSecrets, resetAuthSecretsForTests } from "@/lib/auth/secret";
import { resetEnvForTests } from "@/lib/env";

const saved = { ...process.env };

function useEnv(values: Record<string, string | undefined>): void {
  process.env = { ...saved };
  for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET", "AUTH_SECRET_FILE"]) delete process.env[name];
  for (const [name, value] of Object.entries(values)) if (value !== undefined) process.env[name] = value;
  resetEnvForTests();
  resetAuthSecretsForTests();
}

afterEach(() => useEnv({}));

test("AUTH_SECRET wins, split on commas for rotation (first signs)", () => {
  useEnv({ AUTH_SECRET: " new-one , old-one ", NEXTAUTH_SECRET: "ignored" });
  expect(getAuthSecrets()).toEqual(["new-one", "old-one"]);
});

test("without a secret in env, one is generated once, kept 0600, and read back after a restart", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-secret-"));
  const file = path.join(dir, "nested", "auth-secret");
  useEnv({ AUTH_SECRET_FILE: file });
  const [first] = getAuthSecrets();
  expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
  expect(readFileSync(file, "utf8").trim()).toBe(first);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  useEnv({ AUTH_SECRET_FILE: file }); // "restart"
  expect(getAuthSecrets()).toEqual([first]);
});

test("a secret file that cannot be written is an error naming the file and the way out", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-secret-"));
  writeFileSync(path.join(dir, "not-a-folder"), "x");
  const file = path.join(dir, "not-a-folder", "auth-secret");
  chmodSync(dir, 0o500);
  useEnv({ AUTH_SECRET_FILE: file });
  expect(() => getAuthSecrets()).toThrow(/cannot be written .*set AUTH_SECRET/);
  chmodSync(dir, 0o700);
});
