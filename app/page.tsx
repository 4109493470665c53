// / – product search (analytics:read — viewer, analyst, admin)
import { ProductSearchForm } from "@/components/dashboard/product-search-form";
import { AccessDenied } from "@/components/ui/access-denied";
import { requirePagePermission } from "@/lib/auth/page-auth";

export default async function HomePage() {
  const access = await requirePagePermission("analytics:read", "/");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="analytics:read" />;
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">Adverse-event reports for a drug or device</h1>
        <p className="max-w-3xl text-slate-600">
          Look up a product in FDA&apos;s adverse-event data (FAERS drug reports and MAUDE device reports, through openFDA): reports
          over time, top reactions and breakdowns, each with the exact query and data date it came from.
        </p>
      </section>
      <ProductSearchForm />
    </div>
  );
}
