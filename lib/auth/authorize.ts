import "server-only";
import { AppError, unauthorized } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleHasPermission, type Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import type { AuditEntryInput } from "@/lib/schemas/audit";

/** Default deny: 401 without a user, 403 when the user's role lacks the permission (logged). */
export function authorize(principal: Principal, permission: Permission, route: string): void {
  if (permission === "public") return;
  if (principal.kind !== "user") {
    throw unauthorized("Sign in, or send Authorization: Bearer <token> (POST /api/auth/token or a personal access token).");
  }
  if (!roleHasPermission(principal.role, permission)) {
    logger.warn("auth.forbidden", {
      route,
      permission,
      role: principal.role,
      user: hashForLog(principal.userId),
    });
    throw new AppError({ code: "forbidden", message: `Your role (${principal.role}) cannot do this; it needs "${permission}".` });
  }
}

/**
 * authorize, and a role denial (403) is also audited as `access.denied` (who, which route or action,
 * which permission it lacked). The route wrapper and the action client both call this.
 */
export async function authorizeAudited(principal: Principal, permission: Permission, route: string, source: AuditEntryInput["source"]): Promise<void> {
  try {
    authorize(principal, permission, route);
  } catch (error) {
    if (principal.kind === "user" && error instanceof AppError && error.code === "forbidden") {
      await recordAudit({
        action: "access.denied",
        outcome: "denied",
        actor: { userId: principal.userId, email: principal.email, via: principal.via },
        source,
        details: { route, permission, role: principal.role },
      });
    }
    throw error;
  }
}
