import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { countUsers, createUser } from "@/lib/auth/users";
import { markBootReady } from "@/lib/boot/boot-state";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";

/**
 * With an empty user store, creates the first admin: ADMIN_EMAIL / ADMIN_PASSWORD, or else
 * admin@localhost with a random password printed once to the console (the only place it ever
 * appears). Returns false when the store was not reachable, so boot can try again.
 */
export async function ensureFirstAdmin(print: (line: string) => void = (line) => console.log(line)): Promise<boolean> {
  try {
    if ((await countUsers()) > 0) return true;
    const env = getEnv();
    const email = env.ADMIN_EMAIL ?? "admin@localhost";
    const generated = env.ADMIN_PASSWORD === undefined;
    const password = env.ADMIN_PASSWORD ?? randomBytes(18).toString("base64url");
    const user = await createUser({ email, password, role: "admin" });
    await recordAudit({
      action: "user.created",
      outcome: "success",
      actor: { via: "system" },
      target: { type: "user", id: user.id, label: user.email },
      source: {},
      details: { role: "admin", bootstrap: true },
    });
    if (generated) {
      print(`[cer-analytics] Created the first admin ${email} with password: ${password}`);
      print("[cer-analytics] This password is shown once. Sign in at /signin; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.");
    } else {
      logger.info("boot.first_admin_created", { from: "ADMIN_EMAIL" });
    }
    return true;
  } catch (error) {
    // Another instance created it first: fine. The store being down: try again later.
    if (error instanceof AppError && error.code === "conflict") return true;
    logger.warn("boot.first_admin_pending", { error: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/**
 * Tries now, then again until the store answers: every 0.5 s for the first 30 s (the Redis
 * connection is often still opening at boot), then every 5 s (Redis may start after the app).
 * The server counts as ready (health 200, sign-ins accepted) only once it has succeeded.
 */
export function ensureFirstAdminWithRetry(attempt = 0): void {
  void ensureFirstAdmin().then((done) => {
    if (done) markBootReady();
    else setTimeout(() => ensureFirstAdminWithRetry(attempt + 1), attempt < 60 ? 500 : 5000).unref();
  });
}
