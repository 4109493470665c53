import "server-only";
import { AppError, unauthorized } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditSource } from "@/lib/auth/audit-context";
import { verifyPassword } from "@/lib/auth/passwords";
import { findUserByEmail, normalizeEmail, type StoredUser } from "@/lib/auth/users";
import { stateKeys } from "@/lib/auth/state-keys";
import { getStateStore } from "@/lib/cache/get-state-store";
import { enforceRateLimit, getRateLimitPolicies } from "@/lib/cache/ratelimit";
import type { AuditEntryInput } from "@/lib/schemas/audit";

type CredentialsAction = Extract<AuditEntryInput["action"], "auth.sign_in" | "auth.token_issued">;

/**
 * Audits a rate-limited attempt, once per email per window: refusals cost an attacker nothing, so one
 * entry per refusal would let anyone flood the append-only log.
 */
async function auditRefusedAttempt(email: string, source: AuditEntryInput["source"], action: CredentialsAction, windowSeconds: number): Promise<void> {
  const normalized = normalizeEmail(email);
  const first = await getStateStore().set(stateKeys.signInRefusalAudited(normalized), "1", { ttlSeconds: windowSeconds, onlyIfAbsent: true });
  if (!first) return;
  await recordAudit({ action, outcome: "failure", actor: { email: normalized, via: "credentials" }, source, details: { reason: "rate_limited" } });
}

/**
 * Counts a password attempt against the sign-in limit, per email and per client address. Fails
 * closed: with the store down this throws 503 and no password is checked. An attempt refused by the
 * limit is audited as a failure (reason rate_limited), so guessing shows in the log.
 */
export async function limitPasswordAttempts(email: string, req: Request, action: CredentialsAction): Promise<void> {
  const { signIn } = getRateLimitPolicies();
  const source = auditSource(req);
  try {
    await enforceRateLimit(signIn, `email:${normalizeEmail(email)}`);
    // Per-address limit is looser (a shared office NAT); only meaningful behind a trusted proxy.
    if (source.ip && source.ip !== "unknown") {
      await enforceRateLimit({ ...signIn, name: "signin-ip", limit: signIn.limit * 4 }, `ip:${source.ip}`);
    }
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") await auditRefusedAttempt(email, source, action, signIn.windowSeconds);
    throw error;
  }
}

/**
 * Checks an email and password. Every attempt is audited (success and failure, without the
 * password); a failure says only "wrong email or password", whichever it was.
 */
export async function verifyCredentials(
  input: { email: string; password: string },
  req: Request,
  action: CredentialsAction,
): Promise<StoredUser> {
  const user = await findUserByEmail(input.email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  const ok = user !== null && passwordOk && !user.disabled;
  await recordAudit({
    action,
    outcome: ok ? "success" : "failure",
    actor: { userId: user?.id, email: normalizeEmail(input.email), via: "credentials" },
    source: auditSource(req),
    details: ok ? undefined : { reason: user === null ? "unknown_email" : user.disabled ? "disabled" : "wrong_password" },
  });
  if (!ok || user === null) {
    throw unauthorized("Wrong email or password, or the account is disabled.");
  }
  return user;
}
