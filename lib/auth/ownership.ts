import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { UserPrincipal } from "@/lib/auth/principal";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";

/**
 * A resource someone else owns is "not found" to anyone but its owner and admins (not 403: a
 * 403 would confirm the id exists). Denials are logged with hashed ids (ASVS 8.2.2, 16.3.2).
 */
export function assertOwnerOrAdmin<T extends { userId: string }>(
  resource: T | null,
  principal: UserPrincipal,
  what: string,
): asserts resource is T {
  if (resource !== null && (resource.userId === principal.userId || principal.role === "admin")) return;
  if (resource !== null) {
    logger.warn("auth.not_owner", {
      resource: what,
      user: hashForLog(principal.userId),
    });
  }
  throw new AppError({ code: "not_found", message: `No ${what} with that id.` });
}
