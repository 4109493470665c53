import "server-only";
import { ApiError } from "@/lib/api/api-error";
import { roleHasPermission, type Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { logger } from "@/lib/observability/logger";
import { createHash } from "node:crypto";

/** Default deny: 401 without a user, 403 when the user's role lacks the permission (logged). */
export function authorize(principal: Principal, permission: Permission, route: string): void {
  if (permission === "public") return;
  if (principal.kind !== "user") {
    throw new ApiError({
      code: "unauthorized",
      message: "Sign in, or send Authorization: Bearer <token> (POST /api/auth/token or a personal access token).",
      headers: { "www-authenticate": 'Bearer realm="cer-analytics"' },
    });
  }
  if (!roleHasPermission(principal.role, permission)) {
    logger.warn("auth.forbidden", {
      route,
      permission,
      role: principal.role,
      user: createHash("sha256").update(principal.userId).digest("hex").slice(0, 12),
    });
    throw new ApiError({ code: "forbidden", message: `Your role (${principal.role}) cannot do this; it needs "${permission}".` });
  }
}
