import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id (Algorithm.Argon2id = 2) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), OPTIONS);
}

// Verifying against a fixed hash when the user does not exist keeps the timing the same either way.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, passwordHash: string | null): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password-0000")));
  try {
    const ok = await verify(target, password.normalize("NFKC"));
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}
