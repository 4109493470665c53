// /admin – users, roles and the audit log (users:manage — admin)
import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit-log";
import { UsersAdmin } from "@/components/admin/users-admin";
import { AccessDenied } from "@/components/ui/access-denied";
import { requirePagePermission } from "@/lib/auth/page-auth";
import { roleHasPermission } from "@/lib/auth/permissions";
import { AUDIT_ACTIONS, auditOutcomeSchema } from "@/lib/schemas/audit";

export const metadata: Metadata = { title: "Admin · CER Analytics" };

export default async function AdminPage() {
  const access = await requirePagePermission("users:manage", "/admin");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="users:manage" />;
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <UsersAdmin currentUserId={access.principal.userId} />
      {roleHasPermission(access.principal.role, "audit:read") && <AuditLog actions={AUDIT_ACTIONS} outcomes={auditOutcomeSchema.options} />}
    </div>
  );
}
