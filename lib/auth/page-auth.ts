import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { roleHasPermission, type Permission } from "@/lib/auth/permissions";
import { principalFromSessionCookie, type Principal, type UserPrincipal } from "@/lib/auth/principal";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-policy";

/**
 * The signed-in user of this page request, or anonymous (pages read only the session cookie).
 * Cached per request: the layout and the page both ask, the store is read once.
 */
export const currentPagePrincipal = cache(async (): Promise<Principal> => {
  const jar = await cookies();
  return principalFromSessionCookie(jar.get(SESSION_COOKIE_NAME)?.value);
});

export type PageAccess = { allowed: true; principal: UserPrincipal } | { allowed: false; principal: UserPrincipal };

/**
 * Every page calls this first with its permission from the route table. Anonymous visitors go to
 * sign-in and come back; a signed-in user without the permission gets `allowed: false`, and the
 * page renders a refusal instead of its content.
 */
export async function requirePagePermission(permission: Permission, returnTo: string): Promise<PageAccess> {
  const principal = await currentPagePrincipal();
  if (principal.kind !== "user") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { allowed: roleHasPermission(principal.role, permission), principal };
}
