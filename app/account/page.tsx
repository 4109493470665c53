// /account – your email, role and personal access tokens (account:manage — any signed-in user)
import type { Metadata } from "next";
import { PersonalTokens } from "@/components/account/personal-tokens";
import { AccessDenied } from "@/components/ui/access-denied";
import { requirePagePermission } from "@/lib/auth/page-auth";

export const metadata: Metadata = { title: "Account · CER Analytics" };

export default async function AccountPage() {
  const access = await requirePagePermission("account:manage", "/account");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="account:manage" />;
  const { email, role } = access.principal;
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <dl className="grid max-w-md grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Email</dt>
          <dd data-testid="account-email">{email}</dd>
          <dt className="text-slate-500">Role</dt>
          <dd data-testid="account-role">{role}</dd>
        </dl>
      </section>
      <PersonalTokens />
    </div>
  );
}
