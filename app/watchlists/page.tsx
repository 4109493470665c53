// /watchlists – watched products, their rules, schedule and sharing (alerts:read; create, scan, delete: watchlists:manage)
import type { Metadata } from "next";
import { WatchlistForm } from "@/components/watchlists/watchlist-form";
import { WatchlistsList } from "@/components/watchlists/watchlists-list";
import { AccessDenied } from "@/components/ui/access-denied";
import { requirePagePermission } from "@/lib/auth/page-auth";
import { roleHasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Watchlists · CER Analytics" };

export default async function WatchlistsPage() {
  const access = await requirePagePermission("alerts:read", "/watchlists");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="alerts:read" />;
  const { role, userId } = access.principal;
  const canManage = roleHasPermission(role, "watchlists:manage");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Watchlists</h1>
      <p className="text-sm text-slate-600">Each watchlist re-checks one product on its schedule and raises an alert for every new or worsening finding.</p>
      {canManage ? <WatchlistForm /> : null}
      <section className="space-y-2" aria-labelledby="watchlists-heading">
        <h2 id="watchlists-heading" className="text-lg font-semibold">
          Your watchlists
        </h2>
        <WatchlistsList userId={userId} isAdmin={role === "admin"} canManage={canManage} />
      </section>
    </div>
  );
}
