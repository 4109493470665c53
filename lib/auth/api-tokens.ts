import "server-only";
import { hkdfSync, randomUUID, webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { getAuthSecrets } from "@/lib/auth/secret";

/**
 * Short-lived API access tokens for scripts: JWS HS256 with iss, aud, sub, jti, iat, nbf and exp
 * (at most 1 h). The key is derived from the auth secret with its own label, so a session JWE and an
 * API JWT never share a key, and verification allows exactly one algorithm (never `none`).
 */
export const API_TOKEN_ISSUER = "cer-analytics";
export const API_TOKEN_AUDIENCE = "cer-analytics-api";
export const API_TOKEN_LIFETIME_SECONDS = 3600;
const ALGORITHM = "HS256";

// Derived and imported once per secret: a raw key makes jose import it on every verify (~60 µs of
// the ~135 µs a verify costs here).
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = new Uint8Array(hkdfSync("sha256", secret, "cer-analytics", "api-access-token v1", 32));
    key = webcrypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

export async function issueApiToken(
  user: { id: string; authVersion: number },
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const [signing] = getAuthSecrets();
  if (signing === undefined) throw new Error("no auth secret");
  const iat = Math.floor(now / 1000);
  const exp = iat + API_TOKEN_LIFETIME_SECONDS;
  const token = await new SignJWT({ ver: user.authVersion })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(API_TOKEN_ISSUER)
    .setAudience(API_TOKEN_AUDIENCE)
    .setSubject(user.id)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .sign(await keyFor(signing));
  return { token, expiresAt: new Date(exp * 1000) };
}

export type VerifiedApiToken = { userId: string; authVersion: number; jti: string };

/** A token whose signature and claims checked out once, with the times that bound its validity. */
type Verified = VerifiedApiToken & { secret: string; iat: number; nbf: number; exp: number };

// The signature check (jose over WebCrypto) was the largest CPU item of a cached API read (~250 µs on
// Node 20). A script sends the same token for up to an hour, so a token verified once is remembered;
// only what changes with time (exp, nbf, iat age) is checked again, exactly as jose checks it. Only
// tokens that passed full verification get in; a rotated-out secret drops its tokens.
const verifiedTokens = new LRUCache<string, Verified>({ max: 10_000 });

/** jose's time checks (clock tolerance 0) on whole seconds, as jwtVerify applies them. */
function stillCurrent(entry: Verified, now: number): boolean {
  const at = Math.floor(now / 1000);
  const age = at - entry.iat;
  return entry.nbf <= at && entry.exp > at && age <= API_TOKEN_LIFETIME_SECONDS && age >= 0;
}

/** Null for anything that is not a valid, current token of ours; the reason is not told to the caller. */
export async function verifyApiToken(token: string, now = Date.now()): Promise<VerifiedApiToken | null> {
  const known = verifiedTokens.get(token);
  if (known !== undefined && getAuthSecrets().includes(known.secret)) {
    return stillCurrent(known, now) ? { userId: known.userId, authVersion: known.authVersion, jti: known.jti } : null;
  }
  const verified = await verifyWithJose(token, now);
  if (verified !== null) verifiedTokens.set(token, verified);
  return verified === null ? null : { userId: verified.userId, authVersion: verified.authVersion, jti: verified.jti };
}

async function verifyWithJose(token: string, now: number): Promise<Verified | null> {
  for (const secret of getAuthSecrets()) {
    try {
      const { payload } = await jwtVerify(token, await keyFor(secret), {
        algorithms: [ALGORITHM],
        issuer: API_TOKEN_ISSUER,
        audience: API_TOKEN_AUDIENCE,
        maxTokenAge: API_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ["sub", "jti", "iat", "nbf", "exp"],
        currentDate: new Date(now),
      });
      const { sub, ver, jti, iat, nbf, exp } = payload;
      if (typeof sub !== "string" || typeof ver !== "number" || typeof jti !== "string") return null;
      // requiredClaims made jose check these are numeric dates.
      return { userId: sub, authVersion: ver, jti, secret, iat: iat as number, nbf: nbf as number, exp: exp as number };
    } catch (error) {
      // A signature mismatch may mean "signed with an older secret": try the next one.
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return null;
    }
  }
  return null;
}
