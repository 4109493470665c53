import Link from "next/link";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { Role } from "@/lib/auth/roles";

/** The header's account area for a signed-in user; the layout renders nothing in its place when signed out. */
export function UserMenu({
  userId,
  email,
  role,
  canAdmin,
  canReport,
  canSeeAlerts,
}: {
  userId: string;
  email: string;
  role: Role;
  canAdmin: boolean;
  canReport: boolean;
  canSeeAlerts: boolean;
}) {
  return (
    <nav aria-label="Account" className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-700" data-testid="user-menu-identity">
        <span className="font-medium">{email}</span>{" "}
        <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">{role}</span>
      </span>
      {canReport && (
        <Link href="/reports" className="text-indigo-700 hover:underline">
          Reports
        </Link>
      )}
      {canSeeAlerts && (
        <>
          <AlertsNav userId={userId} />
          <Link href="/watchlists" className="text-indigo-700 hover:underline">
            Watchlists
          </Link>
        </>
      )}
      <Link href="/account" className="text-indigo-700 hover:underline">
        Account
      </Link>
      {canAdmin && (
        <Link href="/admin" className="text-indigo-700 hover:underline">
          Admin
        </Link>
      )}
      <SignOutButton />
    </nav>
  );
}
