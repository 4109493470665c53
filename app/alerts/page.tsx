// /alerts – alerts from watchlist scans and reports, moved through GVP Module IX's states (alerts:read; moves: alerts:assess)
import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsView } from "@/components/alerts/alerts-view";
import { AccessDenied } from "@/components/ui/access-denied";
import { StateMessage } from "@/components/ui/state-message";
import { requirePagePermission } from "@/lib/auth/page-auth";
import { roleHasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Alerts · CER Analytics" };

export default async function AlertsPage() {
  const access = await requirePagePermission("alerts:read", "/alerts");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="alerts:read" />;
  const canAssess = roleHasPermission(access.principal.role, "alerts:assess");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="text-sm text-slate-600">
        Findings of your watchlists and your reports, newest first. New alerts appear here as they are raised.
        {canAssess ? " Validate, assess, close or dismiss them; a reopen or a close needs a reason." : " Your role can read alerts; analysts move them."}
      </p>
      <Suspense fallback={<StateMessage kind="loading">Loading alerts…</StateMessage>}>
        <AlertsView canAssess={canAssess} userId={access.principal.userId} />
      </Suspense>
    </div>
  );
}
