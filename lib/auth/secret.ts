import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

const globalForSecret = globalThis as unknown as { cerAuthSecrets?: string[] };

function readOrCreateLocalSecret(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet
  }
  const secret = randomBytes(32).toString("base64url");
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // "wx": if another process created it meanwhile, keep theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    try {
      return readFileSync(file, "utf8").trim();
    } catch {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`AUTH_SECRET is not set and the local secret file ${file} cannot be written (${reason}); set AUTH_SECRET, or AUTH_SECRET_FILE to a writable path`);
    }
  }
}

/**
 * Secrets for sessions and API tokens, newest first: AUTH_SECRET (or NEXTAUTH_SECRET), comma-separated
 * for rotation — the first signs, all verify. With neither set (the embedded default), a random
 * secret is generated once and kept in AUTH_SECRET_FILE so restarts keep sessions valid.
 */
export function getAuthSecrets(): string[] {
  if (globalForSecret.cerAuthSecrets) return globalForSecret.cerAuthSecrets;
  const env = getEnv();
  const configured = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  const secrets = configured
    ? configured.split(",").map((s) => s.trim()).filter((s) => s !== "")
    : [readOrCreateLocalSecret(path.resolve(env.AUTH_SECRET_FILE))];
  if (secrets.length === 0) throw new Error("AUTH_SECRET is empty");
  globalForSecret.cerAuthSecrets = secrets;
  return secrets;
}

export function resetAuthSecretsForTests(): void {
  globalForSecret.cerAuthSecrets = undefined;
}
