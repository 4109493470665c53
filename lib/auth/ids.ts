import { randomBytes } from "node:crypto";

/** 128-bit random ids (base64url), unguessable so a guessed id finds nothing (IDOR, reliability.md S3). */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}
