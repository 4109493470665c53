import { createHash } from "node:crypto";

// Keys of the app's own records in the state store. Emails and token secrets only appear hashed.
const PREFIX = "cer:v1:state";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

export const stateKeys = {
  users: () => `${PREFIX}:users`,
  usersLock: () => `${PREFIX}:users-lock`,
  user: (id: string) => `${PREFIX}:user:${id}`,
  userByEmail: (normalizedEmail: string) => `${PREFIX}:user-email:${sha256Hex(normalizedEmail)}`,
  session: (sid: string) => `${PREFIX}:session:${sid}`,
  personalToken: (tokenHash: string) => `${PREFIX}:pat:${tokenHash}`,
  personalTokenId: (id: string) => `${PREFIX}:pat-id:${id}`,
  userPersonalTokens: (userId: string) => `${PREFIX}:user-pats:${userId}`,
  /** Set for a window once a rate-limited sign-in for this email was audited. */
  signInRefusalAudited: (normalizedEmail: string) => `${PREFIX}:signin-refused:${sha256Hex(normalizedEmail)}`,
};
